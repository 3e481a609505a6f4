#!/bin/bash
# PID 1 of the real-kernel lab's user-mode-linux guest (scripts/lab/uml.ts boots it for
# test/lab/lab.test.ts and bench/agent-uml.ts).
# The guest's root is the host's / (hostfs), so node, ip, bridge, ping and /usr/lib/cni are the
# host's binaries running on the UML kernel, which has the 8021q, bonding and bridge VLAN
# filtering support the host kernel lacks. KEY=VALUE words of the UML command line arrive here as
# environment variables: LAB_DIR (work directory on the host) and DRIVER (the scenario script).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
KV=$(ls /usr/lib/uml/modules | head -1)
MD=/usr/lib/uml/modules/$KV/kernel
for m in lib/crc-ccitt net/llc/llc net/802/stp net/ipv6/ipv6 net/bridge/bridge \
         net/802/garp net/802/mrp net/8021q/8021q drivers/net/bonding/bonding \
         drivers/net/veth drivers/net/dummy; do
  insmod "$(ls $MD/$m.ko* | head -1)" || echo "LAB-ERROR insmod $m failed"
done
# nftables for the bridge plugin's macspoofchk (test/lab fails when macspoofchk does not work)
for m in net/netfilter/nfnetlink net/netfilter/nf_tables; do
  f=$(ls $MD/$m.ko* 2>/dev/null | head -1); [ -n "$f" ] && insmod "$f" 2>/dev/null
done
echo "LAB-BOOTED $(uname -r)"
node "$DRIVER" > "$LAB_DIR/driver.log" 2>&1
echo "LAB-DRIVER-EXIT $?"
sync
poweroff -ff 2>/dev/null || halt -ff 2>/dev/null || echo o > /proc/sysrq-trigger
sleep 5
