INSERT INTO customer (id, name, email, tier) VALUES
	(1, 'Ada Lovelace', 'ada@example.com', 'GOLD'),
	(2, 'Grace Hopper', 'grace@example.com', 'SILVER'),
	(3, 'Alan Turing', 'alan@example.com', 'BRONZE'),
	(4, 'Edsger Dijkstra', 'edsger@example.com', 'SILVER'),
	(5, 'Barbara Liskov', 'barbara@example.com', 'GOLD');

INSERT INTO orders (customer_id, status, created_at) VALUES
	(1, 'SHIPPED', TIMESTAMP '2026-10-01 09:15:00'),
	(1, 'PAID', TIMESTAMP '2026-11-02 14:30:00'),
	(2, 'SHIPPED', TIMESTAMP '2026-10-12 11:00:00'),
	(3, 'NEW', TIMESTAMP '2026-11-20 08:45:00'),
	(4, 'PAID', TIMESTAMP '2026-11-21 16:05:00'),
	(5, 'SHIPPED', TIMESTAMP '2026-09-30 10:20:00'),
	(5, 'NEW', TIMESTAMP '2026-11-24 19:40:00');

INSERT INTO order_line (order_id, sku, quantity, unit_price) VALUES
	(1, 'BOOK-001', 1, 39.90),
	(1, 'PEN-042', 3, 2.50),
	(2, 'LAMP-007', 1, 89.00),
	(3, 'BOOK-002', 2, 24.00),
	(3, 'MUG-001', 1, 12.00),
	(4, 'DESK-100', 1, 349.00),
	(5, 'CHAIR-20', 2, 129.00),
	(5, 'PEN-042', 10, 2.50),
	(6, 'BOOK-003', 1, 54.00),
	(7, 'MUG-001', 4, 12.00),
	(7, 'BOOK-001', 1, 39.90);
