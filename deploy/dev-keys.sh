#!/bin/sh
# Development keys (and Prometheus's scrape password) for compose.yaml, written into deploy/secrets/ (git-ignored). A laptop only: a city keeps its
# keys in its secret store or HSM (README.md, "Secret keys"). Needs openssl 1.1.1 or newer.
set -eu
cd "$(dirname "$0")"
mkdir -p secrets
[ -f secrets/kek1 ] || openssl rand -base64 32 > secrets/kek1
[ -f secrets/blind-index-key ] || openssl rand -base64 32 > secrets/blind-index-key
[ -f secrets/manifest-signing-key.pem ] || openssl genpkey -algorithm ed25519 -out secrets/manifest-signing-key.pem
[ -f secrets/checkpoint-signing-key.pem ] || openssl genpkey -algorithm ed25519 -out secrets/checkpoint-signing-key.pem
[ -f secrets/metrics-scraper-password ] || openssl rand -hex 24 > secrets/metrics-scraper-password
# Compose bind-mounts these files as they are; the service runs as uid 10001, not as you.
chmod 644 secrets/*
echo "keys in $(pwd)/secrets"
