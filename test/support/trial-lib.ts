/**
 * `multihome` as the trial's environment files (../shared/reference/trial-2026-12/env) import it:
 * this checkout's lib/, with `defineEnvironment` giving each VM that brings no disk the container
 * disk image the trial relied on. The trial predates issue 13, which removed the default image
 * (a VM without a boot source is TOPOLOGY_VM_NO_BOOT_SOURCE); the shared files are read-only.
 */
import { defineEnvironment as define } from '../../lib';
import type { Topology } from '../../lib/core/topology/model';

export * from '../../lib';

/** The image multihome used to add to a VM without one. */
export const TRIAL_VM_IMAGE = 'quay.io/containerdisks/fedora:latest';

/** {@link define} with {@link TRIAL_VM_IMAGE} on every VM that gives neither image nor virtualMachine. */
export const defineEnvironment: typeof define = (t) => {
  const topology = define(t);
  return { ...topology, vms: topology.vms.map((vm) => (vm.image !== undefined || vm.virtualMachine !== undefined ? vm : { ...vm, image: TRIAL_VM_IMAGE })) } as Topology;
};

/** Where a trial environment's `from 'multihome'` points: this module. */
export const TRIAL_LIB = __filename.replace(/\.ts$/, '');
