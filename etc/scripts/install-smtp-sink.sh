#!/usr/bin/env bash
# Makes Postfix's smtp-sink available: the real MTA's SMTP server the email tests and bench-email.sh send to. Postfix is
# installed unconfigured, so no mail system starts. A machine with another mail system keeps it (the two conflict);
# this then fails, saying so. Prints only to stderr.
set -euo pipefail

[ -x /usr/sbin/smtp-sink ] || command -v smtp-sink >/dev/null && exit 0
if [ -x /usr/sbin/sendmail ]; then
  echo "install: another mail system is installed; not installing Postfix, so smtp-sink is missing" >&2
  exit 1
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
"$(dirname "$0")/install-debian-packages.sh" postfix
