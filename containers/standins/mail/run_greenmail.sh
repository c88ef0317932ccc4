#!/bin/bash
# As the real image: the options come from JAVA_OPTS and GREENMAIL_OPTS, split on spaces.
set -eu
exec java ${JAVA_OPTS:-} ${GREENMAIL_OPTS:-} -jar /home/greenmail/greenmail.jar
