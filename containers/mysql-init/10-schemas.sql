-- One schema per MySQL-backed service (no service reads another's); each service's Liquibase makes its tables.
CREATE DATABASE IF NOT EXISTS users CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS catalog CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS images CHARACTER SET utf8mb4;
GRANT ALL PRIVILEGES ON users.* TO 'stacks'@'%';
GRANT ALL PRIVILEGES ON catalog.* TO 'stacks'@'%';
GRANT ALL PRIVILEGES ON images.* TO 'stacks'@'%';
