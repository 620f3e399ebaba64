#!/bin/sh
# After removal: stop and forget the service and its AppArmor profile. The data folder stays
# (pending submissions and the audit trail are the bank's to keep or delete). On an upgrade
# dpkg calls this too: then nothing is undone, the new version's install script takes over.
set -e
case "$1" in
  upgrade|failed-upgrade|abort-install|abort-upgrade|disappear) exit 0 ;;
esac
systemctl disable --now mynaportal-kiosk.service 2>/dev/null || true
rm -f /etc/systemd/system/mynaportal-kiosk.service
if [ -f /etc/apparmor.d/mynaportal-kiosk ]; then
  apparmor_parser --remove /etc/apparmor.d/mynaportal-kiosk 2>/dev/null || true
  rm -f /etc/apparmor.d/mynaportal-kiosk
fi
systemctl daemon-reload || true
