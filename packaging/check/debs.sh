#!/bin/sh
# The .debs in a throw-away Debian root (mmdebstrap from Debian's repository): installed,
# files, users, units (systemd-analyze verify), the kiosk enabled and disabled, and a
# purge that leaves the root as it was apart from the kiosk's kept exam data.
#
#   sh packaging/check/debs.sh dist dist/check
set -eu
DIST=$(cd "$1" && pwd)
OUT=$2
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
ROOTFS=${UJIKOM_DEBROOT:-/tmp/packaging-debroot}
SUITE=${UJIKOM_SUITE:-bookworm}
for tool in mmdebstrap dpkg-deb; do
    command -v "$tool" >/dev/null || apt-get install -y -q mmdebstrap >/dev/null
done
ver=$(dpkg-deb -f "$DIST"/ujikom-common_*_amd64.deb Version)
# Everything the packages depend on, so the root is complete before ours go in and the
# purge can be compared with it.
deps=$(for p in common kiosk proctor; do dpkg-deb -f "$DIST/ujikom-${p}_${ver}_amd64.deb" Depends; done \
    | tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^ujikom' | sort -u | paste -sd, -)
if [ ! -e "$ROOTFS/.complete-$ver" ]; then  # made once per version, then reused
    rm -rf "$ROOTFS"
    mmdebstrap --variant=apt --include="systemd,systemd-sysv,passwd,$deps" "$SUITE" "$ROOTFS"
    touch "$ROOTFS/.complete-$ver"
fi
in_root() { chroot "$ROOTFS" "$@"; }
mount -t proc proc "$ROOTFS/proc"
trap 'umount "$ROOTFS/proc" 2>/dev/null || true' EXIT
snapshot() {
    in_root find / -xdev \( -path /proc -o -path /tmp -o -path /var/cache -o -path /var/log \
        -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /run \) -prune -o -print \
        | grep -v '^/\.complete-' | sort
}
rm -rf "$ROOTFS/var/lib/ujikom-kiosk" "$ROOTFS/var/lib/ujikom-proctor"  # kept by a last run
snapshot > "$OUT/debroot-before.txt"
cp "$DIST"/ujikom-*_"$ver"_amd64.deb "$ROOTFS/tmp/"
in_root dpkg -i /tmp/ujikom-common_"$ver"_amd64.deb /tmp/ujikom-kiosk_"$ver"_amd64.deb \
    /tmp/ujikom-proctor_"$ver"_amd64.deb

echo "== files, users, units"
in_root test -x /opt/ujikom/ujikom
in_root /usr/bin/ujikom --version
in_root test -s /usr/share/man/man1/ujikom.1.gz
in_root test -s /usr/share/man/man8/ujikom-kiosk-enable.8.gz
in_root getent passwd ujikom-kiosk
in_root getent passwd ujikom-proctor
in_root sh -c 'id -nG ujikom-kiosk'
in_root systemd-analyze verify --man=no /usr/lib/systemd/system/ujikom-kiosk.service \
    /usr/lib/systemd/system/ujikom-kiosk-firewall.service \
    /usr/lib/systemd/system/ujikom-proctor.service
set +e
in_root /usr/bin/ujikom doctor --config /etc/ujikom/kiosk.toml --no-proctor --lang en
echo "(doctor exit $?: 1 warn / 2 fail are expected in a chroot without screens)"
set -e

echo "== enable"
in_root ujikom-kiosk-enable --force
for f in /etc/systemd/logind.conf.d/ujikom-kiosk.conf /etc/modprobe.d/ujikom-kiosk.conf \
         /etc/udev/rules.d/70-ujikom-kiosk.rules /etc/sysctl.d/70-ujikom-kiosk.conf \
         /etc/ujikom/kiosk-firewall.nft; do
    in_root test -s "$f"
done
in_root systemctl is-enabled ujikom-kiosk.service ujikom-kiosk-firewall.service
test "$(in_root systemctl is-enabled ctrl-alt-del.target || true)" = masked
in_root nft -c -f /etc/ujikom/kiosk-firewall.nft 2>/dev/null \
    || echo "(nft -c could not ask this kernel; the ruleset is checked by the fast tests)"
echo "== disable"
in_root ujikom-kiosk-disable
for f in /etc/systemd/logind.conf.d/ujikom-kiosk.conf /etc/modprobe.d/ujikom-kiosk.conf \
         /etc/udev/rules.d/70-ujikom-kiosk.rules /etc/ujikom/kiosk-firewall.nft; do
    in_root test ! -e "$f"
done
test "$(in_root systemctl is-enabled ujikom-kiosk.service || true)" = disabled
test "$(in_root systemctl is-enabled ctrl-alt-del.target || true)" != masked

echo "== purge (enabled, with a candidate's store and the proctor's lab)"
in_root ujikom-kiosk-enable --force >/dev/null
in_root sh -c 'echo secret > /etc/ujikom/kiosk.pass'
in_root sh -c 'echo store > /var/lib/ujikom-kiosk/data/EX1-P001.db'
in_root sh -c 'mkdir -p /var/lib/ujikom-proctor/lab && echo r > /var/lib/ujikom-proctor/lab/replica.db'
in_root dpkg --purge ujikom-kiosk ujikom-proctor ujikom-common | tee "$OUT/purge.txt"
grep -q "exam data kept in /var/lib/ujikom-kiosk/data" "$OUT/purge.txt"
grep -q "lab folder is kept in /var/lib/ujikom-proctor" "$OUT/purge.txt"
in_root test -s /var/lib/ujikom-kiosk/data/EX1-P001.db
! in_root getent passwd ujikom-kiosk
! in_root getent passwd ujikom-proctor
test "$(in_root systemctl is-enabled ctrl-alt-del.target || true)" != masked
snapshot > "$OUT/debroot-after.txt"
diff "$OUT/debroot-before.txt" "$OUT/debroot-after.txt" > "$OUT/debroot-diff.txt" || true
# Only the kept exam data may differ.
if grep -v -e '^[<>] /var/lib/ujikom-kiosk' -e '^[<>] /var/lib/ujikom-proctor' \
        -e '^[0-9,]*[acd][0-9,]*$' -e '^---$' "$OUT/debroot-diff.txt"; then
    echo "the purge left the root different (above; all in $OUT/debroot-diff.txt)" >&2
    exit 1
fi
echo "debs: installed, enabled, disabled and purged cleanly in $ROOTFS ($SUITE)"
