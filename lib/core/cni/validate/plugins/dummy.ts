/** The dummy plugin (containernetworking/plugins plugins/main/dummy/dummy.go, read at v1.9.1 adc3e6b5). */
import { joinPath } from '../../../path';
import { NadContext } from '../context';

/** A dummy config needs an IPAM type (dummy.go cmdAdd "dummy interface requires an IPAM configuration"). */
export function checkDummy(ctx: NadContext, path: string, ipamType: string | undefined): void {
  // dummy.go cmdAdd: `if conf.IPAM.Type == "" { return errors.New("dummy interface requires an IPAM configuration") }`.
  if (!ipamType) {
    ctx.add('CNI_IPAM_REQUIRED', joinPath(path, 'ipam'), 'the dummy plugin has no IPAM type; every ADD fails with "dummy interface requires an IPAM configuration"', 'add an ipam block with a type (static, host-local, whereabouts)');
  }
}
