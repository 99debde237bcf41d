MERGE INTO customer (id, name, email, tier) KEY (id) VALUES
	(1, 'Ada Lovelace', 'ada@example.com', 'GOLD'),
	(2, 'Grace Hopper', 'grace@example.com', 'SILVER'),
	(3, 'Alan Turing', 'alan@example.com', 'BRONZE'),
	(4, 'Edsger Dijkstra', 'edsger@example.com', 'SILVER'),
	(5, 'Barbara Liskov', 'barbara@example.com', 'GOLD');

MERGE INTO orders (id, customer_id, status, created_at) KEY (id) VALUES
	(1, 1, 'SHIPPED', TIMESTAMP '2026-10-01 09:15:00'),
	(2, 1, 'PAID', TIMESTAMP '2026-11-02 14:30:00'),
	(3, 2, 'SHIPPED', TIMESTAMP '2026-10-12 11:00:00'),
	(4, 3, 'NEW', TIMESTAMP '2026-11-20 08:45:00'),
	(5, 4, 'PAID', TIMESTAMP '2026-11-21 16:05:00'),
	(6, 5, 'SHIPPED', TIMESTAMP '2026-09-30 10:20:00'),
	(7, 5, 'NEW', TIMESTAMP '2026-11-24 19:40:00');

MERGE INTO order_line (id, order_id, sku, quantity, unit_price) KEY (id) VALUES
	(1, 1, 'BOOK-001', 1, 39.90),
	(2, 1, 'PEN-042', 3, 2.50),
	(3, 2, 'LAMP-007', 1, 89.00),
	(4, 3, 'BOOK-002', 2, 24.00),
	(5, 3, 'MUG-001', 1, 12.00),
	(6, 4, 'DESK-100', 1, 349.00),
	(7, 5, 'CHAIR-20', 2, 129.00),
	(8, 5, 'PEN-042', 10, 2.50),
	(9, 6, 'BOOK-003', 1, 54.00),
	(10, 7, 'MUG-001', 4, 12.00),
	(11, 7, 'BOOK-001', 1, 39.90);
