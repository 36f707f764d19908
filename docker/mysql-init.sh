#!/bin/bash
# Runs once, when the MySQL volume is first created: one database and one user per subgraph, each
# user allowed into its own database only (a subgraph owns its tables and no other's).
set -euo pipefail
for subgraph in membership certification complaints; do
  variable="$(echo "${subgraph}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!variable}"
  mysql --user=root --password="${MYSQL_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS \`${subgraph}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${subgraph}'@'%' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${subgraph}\`.* TO '${subgraph}'@'%';
SQL
done
