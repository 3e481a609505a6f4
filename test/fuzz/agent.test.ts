/**
 * The node agent's config loader and planner (loadConfig, planChanges, the batch renderer and the
 * whole `agent plan` action with a recorded host, never the real one) against hostile ConfigMaps.
 */
import { corpusTests, generatedTest } from './suites';

corpusTests('agent', 'the agent (loadConfig + plan)');

describe('the agent on generated configs', () => {
  generatedTest('agent', 'text', 2, 120, 'random text as the ConfigMap');
  generatedTest('agent', 'configs', 43, 150, 'AgentConfig/NNCP/desiredState around valid intents with random values at random paths');
});
