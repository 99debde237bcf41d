CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, price DECIMAL(10, 2) NOT NULL, stock INT NOT NULL);
CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, item_id BIGINT NOT NULL);
CREATE INDEX orders_customer ON orders (customer_id, id);
INSERT INTO item (id, name, price, stock) SELECT x, 'item ' || x, x * 1.25, 1000000 FROM SYSTEM_RANGE(1, 1000);
INSERT INTO orders (customer_id, item_id) SELECT MOD(x, 100) + 1, MOD(x * 7, 1000) + 1 FROM SYSTEM_RANGE(1, 2000);
