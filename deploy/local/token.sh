#!/usr/bin/env bash
# Prints an operator token for the local system, signed with the key pair run.sh created.
#
#   deploy/local/token.sh                      admin token for you, valid 8 h
#   deploy/local/token.sh viewer alice 3600    viewer token for alice, valid 1 h
#   curl -H "Authorization: Bearer $(deploy/local/token.sh publisher)" http://127.0.0.1:8081/api/v1/families
#
# Roles: viewer (read), publisher (catalog), operator (rollouts), admin (everything, app keys).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mint_token "${2:-${USER:-operator}}" "${1:-admin}" "${3:-28800}"
