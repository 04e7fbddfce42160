#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline.
# Migrations go through the WebAssembly engine instead: see lib/db/migrate/.
echo "native schema engine not available offline: use npm run db:migrate / db:deploy" >&2
exit 1
