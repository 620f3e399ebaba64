#!/bin/sh
# After removal: stop and forget the service. The data folder stays (pending submissions and
# the audit trail are the bank's to keep or delete).
set -e
systemctl disable --now mynaportal-kiosk.service 2>/dev/null || true
rm -f /etc/systemd/system/mynaportal-kiosk.service
systemctl daemon-reload || true
