# The multihome node agent image: Debian slim + Node 20, iproute2 and ping, and the agent bundled
# by esbuild into one file (no node_modules). Build the bundle first:
#   node scripts/build-agent.js && docker build -t multihome-agent .
# The NetworkAgent construct runs it as a DaemonSet with hostNetwork and NET_ADMIN:
#   multihome-agent agent run --mode observe|apply --config /etc/multihome-agent
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends iproute2 iputils-ping \
 && rm -rf /var/lib/apt/lists/*
COPY dist-agent/multihome-agent.js /usr/local/lib/multihome/multihome-agent.js
RUN printf '#!/bin/sh\nexec node /usr/local/lib/multihome/multihome-agent.js "$@"\n' > /usr/local/bin/multihome-agent \
 && chmod 0755 /usr/local/bin/multihome-agent
EXPOSE 9680
ENTRYPOINT ["multihome-agent"]
CMD ["agent", "run", "--mode", "observe", "--config", "/etc/multihome-agent"]
