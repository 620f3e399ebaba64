#!/bin/sh
# After the package is installed: an unprivileged user for the kiosk, its data folder (the
# outbox and audit trail), the configuration folder, and the service.
set -e
id kiosk >/dev/null 2>&1 || useradd --system --create-home --home-dir /var/lib/mynaportal-kiosk --shell /usr/sbin/nologin --groups video,input,render kiosk
install -d -o kiosk -g kiosk -m 0700 /var/lib/mynaportal-kiosk
install -d -o root -g kiosk -m 0750 /etc/mynaportal-kiosk
install -m 0644 /opt/mynaportal-kiosk/resources/mynaportal-kiosk.service /etc/systemd/system/mynaportal-kiosk.service
systemctl daemon-reload || true
systemctl enable mynaportal-kiosk.service || true
