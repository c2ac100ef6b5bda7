#!/bin/sh
# Writes the generated includes that config/asterisk/*.conf expect (the test lab's scripts/asterisk-lab.sh
# writes the same six files), from the environment, then runs Asterisk in the foreground.
# Secrets come only from the environment: JIESU_AMI_SECRET and JIESU_AGENT_SIP_SECRET are required.
set -eu
: "${JIESU_AMI_SECRET:?set JIESU_AMI_SECRET}"
: "${JIESU_AGENT_SIP_SECRET:?set JIESU_AGENT_SIP_SECRET}"
etc=/etc/asterisk
cat >"$etc/manager-general.conf" <<EOC
bindaddr = 0.0.0.0
port = ${JIESU_AMI_PORT:-5038}
EOC
# Under compose the gateway reaches AMI over the compose network, not loopback.
cat >"$etc/manager-jiesu.conf" <<EOC
[${JIESU_AMI_USERNAME:-jiesu}]
secret = ${JIESU_AMI_SECRET}
deny = 0.0.0.0/0.0.0.0
permit = ${JIESU_AMI_PERMIT:-172.16.0.0/255.240.0.0}
read = all
write = all
writetimeout = 1000
EOC
cat >"$etc/jiesu-globals.conf" <<EOC
AGI_HOST = ${JIESU_AGI_HOST:-gateway}
AGI_PORT = ${JIESU_AGI_PORT:-4573}
CITIZEN_DIAL_PREFIX = ${JIESU_CITIZEN_DIAL_PREFIX:-PJSIP/}
CITIZEN_DIAL_SUFFIX = ${JIESU_CITIZEN_DIAL_SUFFIX:-@trunk}
EOC
cat >"$etc/pjsip-transport.conf" <<EOC
bind = 0.0.0.0:${JIESU_SIP_PORT:-5060}
EOC
# RTP on every address, as Asterisk chooses (the lab pins it to loopback).
printf '[rtp-address](!)\n' >"$etc/pjsip-media.conf"
: >"$etc/pjsip-agents.conf"
for ext in 8001 8002 8003 8004 8005 8006 8007 8008 8009 8010; do
    printf '[%s-auth]\ntype = auth\nauth_type = userpass\nusername = %s\npassword = %s\n\n' \
        "$ext" "$ext" "$JIESU_AGENT_SIP_SECRET" >>"$etc/pjsip-agents.conf"
done
exec /usr/sbin/asterisk -f -n -g
