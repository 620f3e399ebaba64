#!/bin/sh
# After the package is installed: an unprivileged user for the kiosk, its data folder (the
# outbox and audit trail), the configuration folder, Chromium's sandbox, and the service.
set -e
APP=/opt/mynaportal-kiosk
id kiosk >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/mynaportal-kiosk --shell /usr/sbin/nologin --groups video,input,render kiosk
install -d -o kiosk -g kiosk -m 0700 /var/lib/mynaportal-kiosk
install -d -o root -g kiosk -m 0750 /etc/mynaportal-kiosk

# The renderer's sandbox needs user namespaces; only where the kernel refuses them does the
# setuid helper take over (as electron-builder's own script decides).
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP/chrome-sandbox"
else
  chmod 4755 "$APP/chrome-sandbox"
fi

# Ubuntu 24+ confines user namespaces with AppArmor: install the profile electron-builder
# ships, where this AppArmor understands it (22.04's does not, and does not need it).
if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1; then
  if apparmor_parser --skip-kernel-load --debug "$APP/resources/apparmor-profile" >/dev/null 2>&1; then
    cp -f "$APP/resources/apparmor-profile" /etc/apparmor.d/mynaportal-kiosk
    apparmor_parser --replace --write-cache --skip-read-cache /etc/apparmor.d/mynaportal-kiosk || true
  fi
fi

install -m 0644 "$APP/resources/mynaportal-kiosk.service" /etc/systemd/system/mynaportal-kiosk.service
systemctl daemon-reload || true
systemctl enable mynaportal-kiosk.service || true
# An update takes effect at once on a running kiosk; a first install waits for its configuration.
systemctl try-restart mynaportal-kiosk.service || true
