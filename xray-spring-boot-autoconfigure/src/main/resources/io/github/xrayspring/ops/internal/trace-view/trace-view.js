// The X-Ray trace view: reads the xray actuator endpoint and draws a trace as the X-Ray
// console's timeline does. Every value that comes from a span is written with
// textContent (through el()), never parsed as markup.
(function () {
	'use strict';

	var endpoint = document.querySelector('meta[name="xray-endpoint"]').getAttribute('content');
	var statusLine = document.getElementById('status');
	var filterInput = document.getElementById('filter');
	var tracesBody = document.querySelector('#traces tbody');
	var traceSection = document.getElementById('trace-section');
	var timeline = document.getElementById('timeline');
	var details = document.getElementById('details');
	var currentTraceId = null;

	function el(tag, className, children) {
		var node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		(children || []).forEach(function (child) {
			if (child === null || child === undefined) {
				return;
			}
			node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
		});
		return node;
	}

	function clear(node) {
		while (node.firstChild) {
			node.removeChild(node.firstChild);
		}
	}

	function status(text) {
		statusLine.textContent = text || '';
	}

	function seconds(value) {
		if (typeof value !== 'number') {
			return '';
		}
		return value < 1 ? (value * 1000).toFixed(1) + ' ms' : value.toFixed(3) + ' s';
	}

	function time(epochSeconds) {
		if (typeof epochSeconds !== 'number') {
			return '';
		}
		return new Date(epochSeconds * 1000).toISOString().replace('T', ' ').replace('Z', '');
	}

	function flagClass(item) {
		return item.fault ? 'fault' : item.throttle ? 'throttle' : item.error ? 'error' : '';
	}

	function getJson(url) {
		return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				if (response.status === 404) {
					var error = new Error('not found');
					error.status = 404;
					throw error;
				}
				if (!response.ok) {
					return response.text().then(function (body) {
						var message = 'HTTP ' + response.status;
						try {
							var json = JSON.parse(body);
							message += ': ' + (json.message || json.error || '');
						}
						catch (ignored) {
							// not JSON: the status says enough
						}
						throw new Error(message);
					});
				}
				return response.json();
			});
	}

	function loadTraces() {
		var filter = filterInput.value.trim();
		var url = endpoint + '/traces' + (filter ? '?filter=' + encodeURIComponent(filter) : '');
		status('Loading…');
		return getJson(url).then(function (result) {
			renderTraces(result);
			if (!result.enabled) {
				status('The preview keeps no traces: set xray.preview.enabled=true or xray.exporter.type=logging.');
			}
			else {
				status(result.traces.length + ' of ' + result.kept + ' kept traces' + (filter ? ' match' : ''));
			}
			var wanted = decodeURIComponent(location.hash.slice(1));
			if (wanted) {
				openTrace(wanted);
			}
			else if (result.traces.length > 0) {
				openTrace(result.traces[0].traceId);
			}
		}).catch(function (error) {
			if (error.status === 404) {
				status('The xray actuator endpoint is not exposed: add xray to management.endpoints.web.exposure.include.');
			}
			else {
				status('Could not load the traces (' + error.message + '). Check the filter expression.');
			}
		});
	}

	function renderTraces(result) {
		clear(tracesBody);
		result.traces.forEach(function (trace) {
			var statusCell = el('td', flagClass(trace) ? flagClass(trace) + '-text' : '', [trace.status]);
			var row = el('tr', trace.traceId === currentTraceId ? 'selected' : '', [
				el('td', '', [time(trace.startTime)]),
				el('td', '', [trace.traceId]),
				el('td', '', [trace.name]),
				el('td', '', [trace.method]),
				el('td', 'url', [trace.url]),
				statusCell,
				el('td', '', [seconds(trace.responseTime)]),
				el('td', '', [seconds(trace.duration)]),
				el('td', '', [trace.spans])
			]);
			row.dataset.traceId = trace.traceId;
			row.addEventListener('click', function () {
				location.hash = encodeURIComponent(trace.traceId);
			});
			tracesBody.appendChild(row);
		});
		if (result.traces.length === 0) {
			tracesBody.appendChild(el('tr', '', [el('td', 'empty', ['No traces.'])]));
		}
	}

	function openTrace(traceId) {
		currentTraceId = traceId;
		Array.prototype.forEach.call(tracesBody.rows, function (row) {
			row.classList.toggle('selected', row.dataset.traceId === traceId);
		});
		getJson(endpoint + '/traces/' + encodeURIComponent(traceId)).then(function (documents) {
			renderTrace(traceId, documents);
		}).catch(function (error) {
			traceSection.hidden = true;
			status(error.status === 404 ? 'Trace ' + traceId + ' is no longer kept.' : error.message);
		});
	}

	function sqlText(doc) {
		if (doc.sql && doc.sql.sanitized_query) {
			return doc.sql.sanitized_query;
		}
		var metadata = (doc.metadata && doc.metadata['default']) || {};
		return metadata['db.query.text'] || metadata['db.statement'] || null;
	}

	function isSql(doc) {
		var metadata = (doc.metadata && doc.metadata['default']) || {};
		return Boolean(doc.sql || metadata['db.system.name'] || metadata['db.system']);
	}

	function renderTrace(traceId, documents) {
		var byId = {};
		documents.forEach(function (doc) {
			byId[doc.id] = doc;
		});
		var children = {};
		var roots = [];
		documents.forEach(function (doc) {
			if (doc.parent_id && byId[doc.parent_id]) {
				(children[doc.parent_id] = children[doc.parent_id] || []).push(doc);
			}
			else {
				roots.push(doc);
			}
		});
		var byStart = function (a, b) {
			return (a.start_time || 0) - (b.start_time || 0);
		};
		var start = Infinity;
		var end = -Infinity;
		documents.forEach(function (doc) {
			start = Math.min(start, doc.start_time);
			end = Math.max(end, doc.end_time || doc.start_time);
		});
		var total = Math.max(end - start, 1e-6);

		clear(timeline);
		document.getElementById('trace-title').textContent = 'Trace ' + traceId;
		var ticks = el('div', 'ticks');
		for (var i = 0; i <= 4; i++) {
			var tick = el('span', 'tick', [seconds(total * i / 4) || '0']);
			tick.style.left = (i * 25) + '%';
			ticks.appendChild(tick);
		}
		timeline.appendChild(el('div', 'axis', [el('div', 'label', ['Segment']), ticks]));

		var rows = [];
		function addRow(doc, depth) {
			var flags = flagClass(doc);
			var label = el('div', 'label', [
				el('span', 'name', [doc.name]),
				doc.namespace ? el('span', 'ns', [doc.namespace]) : null,
				isSql(doc) ? el('span', 'badge sql', ['SQL']) : null,
				flags ? el('span', 'badge ' + flags, [flags]) : null,
				sqlText(doc) ? el('span', 'query', [sqlText(doc)]) : null
			]);
			label.style.paddingLeft = (6 + depth * 16) + 'px';
			var duration = (doc.end_time || doc.start_time) - doc.start_time;
			var bar = el('div', 'bar' + (flags ? ' ' + flags : ''), [el('span', 'ms', [seconds(duration)])]);
			bar.style.left = ((doc.start_time - start) / total * 100) + '%';
			bar.style.width = (duration / total * 100) + '%';
			var row = el('div', 'row', [label, el('div', 'track', [bar])]);
			row.setAttribute('role', 'treeitem');
			row.dataset.type = doc.type === 'subsegment' ? 'subsegment' : 'segment';
			row.addEventListener('click', function () {
				rows.forEach(function (other) {
					other.classList.remove('selected');
				});
				row.classList.add('selected');
				renderDetails(doc);
			});
			rows.push(row);
			timeline.appendChild(row);
			(children[doc.id] || []).sort(byStart).forEach(function (child) {
				addRow(child, depth + 1);
			});
		}
		roots.sort(byStart).forEach(function (root) {
			addRow(root, 0);
		});
		traceSection.hidden = false;
		if (rows.length > 0) {
			rows[0].classList.add('selected');
			renderDetails(roots[0]);
		}
	}

	function factsTable(pairs) {
		var table = el('table');
		pairs.forEach(function (pair) {
			if (pair[1] !== undefined && pair[1] !== null && pair[1] !== '') {
				table.appendChild(el('tr', '', [el('td', '', [pair[0]]), el('td', '', [pair[1]])]));
			}
		});
		return table;
	}

	function renderDetails(doc) {
		clear(details);
		var http = doc.http || {};
		var request = http.request || {};
		var response = http.response || {};
		var flags = flagClass(doc);
		details.appendChild(el('h3', '', [doc.name, flags ? el('span', 'badge ' + flags, [flags]) : null]));
		details.appendChild(factsTable([
			['Type', doc.type === 'subsegment' ? 'subsegment' : 'segment'],
			['ID', doc.id],
			['Parent ID', doc.parent_id],
			['Namespace', doc.namespace],
			['Origin', doc.origin],
			['Started', time(doc.start_time)],
			['Duration', seconds((doc.end_time || doc.start_time) - doc.start_time)],
			['Fault / error / throttle', [doc.fault, doc.error, doc.throttle].map(Boolean).join(' / ')],
			['Method', request.method],
			['URL', request.url],
			['User agent', request.user_agent],
			['Client IP', request.client_ip],
			['Status', response.status],
			['User', doc.user]
		]));
		var sql = sqlText(doc);
		if (sql) {
			details.appendChild(el('h4', '', ['SQL']));
			details.appendChild(el('pre', 'sql-text', [sql]));
			if (doc.sql) {
				details.appendChild(factsTable([
					['Database', doc.sql.database_type],
					['Connection', doc.sql.connection_string],
					['User', doc.sql.user]
				]));
			}
		}
		if (doc.annotations && Object.keys(doc.annotations).length > 0) {
			details.appendChild(el('h4', '', ['Annotations']));
			details.appendChild(factsTable(Object.keys(doc.annotations).sort().map(function (key) {
				return [key, String(doc.annotations[key])];
			})));
		}
		if (doc.metadata) {
			details.appendChild(el('h4', '', ['Metadata']));
			details.appendChild(el('pre', '', [JSON.stringify(doc.metadata, null, 2)]));
		}
		if (doc.cause) {
			details.appendChild(el('h4', '', ['Cause']));
			details.appendChild(el('pre', '', [JSON.stringify(doc.cause, null, 2)]));
		}
		details.appendChild(el('h4', '', ['Segment document']));
		details.appendChild(el('pre', '', [JSON.stringify(doc, null, 2)]));
	}

	document.getElementById('filter-form').addEventListener('submit', function (event) {
		event.preventDefault();
		loadTraces();
	});
	document.getElementById('refresh').addEventListener('click', loadTraces);
	window.addEventListener('hashchange', function () {
		var wanted = decodeURIComponent(location.hash.slice(1));
		if (wanted) {
			openTrace(wanted);
		}
	});
	loadTraces();
}());
