package io.github.xrayspring.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A datasource-proxy listener that records each statement (or batch) run while a sampled
 * span is current as a {@link SpanKind#CLIENT CLIENT} span carrying both the old and the
 * stable database semantic-convention attributes. Statements with no current span, or in
 * an unsampled trace, cost one context look-up. Nothing here ever fails a statement.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayQueryExecutionListener implements QueryExecutionListener {

	/**
	 * The annotation set on a statement slower than the threshold.
	 */
	public static final String SLOW_ANNOTATION = "sql_slow";

	static final String MASK = "***";

	private static final Log logger = LogFactory.getLog(XRayQueryExecutionListener.class);

	// The traced statement this thread runs, so that a proxy nested inside another (a
	// routing DataSource over a wrapped one) does not record it twice. Kept here rather
	// than as an ExecutionInfo custom value, which costs a map entry per statement.
	private static final ThreadLocal<@Nullable StatementState> CURRENT = new ThreadLocal<>();

	// How long after a failed database look-up the next traced statement asks again.
	private static final Duration DATABASE_RETRY_INTERVAL = Duration.ofSeconds(30);

	private static final int MAX_BATCH_TEXT_FACTOR = 8;

	private static final int CACHED_PARAMETER_KEYS = 64;

	private static final AttributeKey<?>[] PARAMETER_KEYS = new AttributeKey<?>[CACHED_PARAMETER_KEYS + 1];

	static {
		for (int i = 1; i <= CACHED_PARAMETER_KEYS; i++) {
			PARAMETER_KEYS[i] = AttributeKey.stringKey(SpanAttributes.DB_QUERY_PARAMETER_PREFIX + i);
		}
	}

	private final Supplier<Tracer> tracerSupplier;

	private final JdbcTracingOptions options;

	private final long slowThresholdNanos;

	private final @Nullable NPlusOneSpanProcessor nPlusOne;

	private final JdbcStatistics statistics;

	private final DatabaseInfoResolver databaseInfo;

	private final SanitizedStatements sanitized;

	private volatile @Nullable Tracer tracer;

	private volatile boolean failureLogged;

	/**
	 * Creates a listener for one DataSource.
	 * @param tracer supplies the tracer on the first traced statement
	 * @param options how statements are recorded
	 * @param nPlusOne the N+1 bookkeeping, or {@code null} to skip it
	 * @param statistics the counters to update
	 * @param configuredDatabase supplies the database as configured on the pool without
	 * any I/O; when it supplies {@code null}, the database is read once from the first
	 * traced connection's metadata
	 * @param routing whether the DataSource routes to several databases, so that the
	 * database is read from each statement's connection
	 */
	public XRayQueryExecutionListener(Supplier<Tracer> tracer, JdbcTracingOptions options,
			@Nullable NPlusOneSpanProcessor nPlusOne, JdbcStatistics statistics,
			Supplier<@Nullable DatabaseInfo> configuredDatabase, boolean routing) {
		this(tracer, options, nPlusOne, statistics, configuredDatabase, routing, DATABASE_RETRY_INTERVAL);
	}

	XRayQueryExecutionListener(Supplier<Tracer> tracer, JdbcTracingOptions options,
			@Nullable NPlusOneSpanProcessor nPlusOne, JdbcStatistics statistics,
			Supplier<@Nullable DatabaseInfo> configuredDatabase, boolean routing, Duration databaseRetryInterval) {
		this.tracerSupplier = tracer;
		this.options = options;
		this.slowThresholdNanos = options.slowQueryThreshold().toNanos();
		this.nPlusOne = nPlusOne;
		this.statistics = statistics;
		this.databaseInfo = new DatabaseInfoResolver(configuredDatabase, routing, databaseRetryInterval.toNanos());
		this.sanitized = new SanitizedStatements(options.maxStatementLength());
	}

	/**
	 * Whether bind parameters are recorded, which needs datasource-proxy's parameter
	 * capture.
	 * @return whether parameters are captured
	 */
	boolean capturesParameters() {
		return this.options.captureParameters();
	}

	@Override
	public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		Context context = Context.current();
		SpanContext parent = Span.fromContext(context).getSpanContext();
		if (!isTraced(parent) || queryInfoList.isEmpty()) {
			return;
		}
		try {
			StatementState current = CURRENT.get();
			if (current != null) {
				if (!isStale(current, execInfo, parent)) {
					// A proxy nested inside another: the outer one records the statement.
					return;
				}
				abandon(current);
			}
			start(execInfo, queryInfoList, context, parent);
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
		}
	}

	/**
	 * Returns whether a statement run under a span is recorded.
	 * @param parent the context of the current span
	 * @return whether the span is valid and sampled
	 */
	static boolean isTraced(SpanContext parent) {
		return parent.isValid() && parent.isSampled();
	}

	/**
	 * Returns whether a state left on this thread belongs to a statement that is no
	 * longer running: datasource-proxy skips {@code afterQuery} when a listener after
	 * this one throws in {@code beforeQuery}. A statement running under a nested proxy
	 * has the same parent span and a different, open statement.
	 * @param state the state left on this thread
	 * @param execInfo the statement about to run
	 * @param parent the context of the current span
	 * @return whether the state is left over from a statement that has ended
	 */
	private static boolean isStale(StatementState state, ExecutionInfo execInfo, SpanContext parent) {
		if (!state.parent.equals(parent)) {
			return true;
		}
		Statement statement = state.execInfo.getStatement();
		if (statement == null || statement == execInfo.getStatement()) {
			return true;
		}
		try {
			return statement.isClosed();
		}
		catch (Exception ex) {
			return true;
		}
	}

	private static void abandon(StatementState state) {
		CURRENT.remove();
		try {
			state.span.setStatus(StatusCode.ERROR, "The statement's completion was not reported");
			state.span.end();
		}
		catch (RuntimeException ex) {
			// Nothing more to do: the span is dropped.
		}
	}

	private void start(ExecutionInfo execInfo, List<QueryInfo> queries, Context context, SpanContext parent) {
		DatabaseInfo database = this.databaseInfo.resolve(execInfo.getStatement());
		String sql = text(queries);
		int maxLength = this.options.maxStatementLength();
		String shape = this.sanitized.sanitize(sql, database.system().mysqlQuoting());
		String recorded = this.options.sanitize() ? shape : SqlSanitizer.truncate(sql, maxLength);
		String operation = operation(queries);
		boolean oldKeys = this.options.oldKeys();
		boolean stableKeys = this.options.stableKeys();
		SpanBuilder builder = tracer().spanBuilder(database.spanName(operation))
			.setSpanKind(SpanKind.CLIENT)
			.setParent(context)
			.setAllAttributes(database.attributes(oldKeys, stableKeys));
		if (oldKeys) {
			builder.setAttribute(SpanAttributes.DB_STATEMENT, recorded);
			if (operation != null) {
				builder.setAttribute(SpanAttributes.DB_OPERATION, operation);
			}
		}
		if (stableKeys) {
			builder.setAttribute(SpanAttributes.DB_QUERY_TEXT, recorded);
			if (operation != null) {
				builder.setAttribute(SpanAttributes.DB_OPERATION_NAME, operation);
			}
		}
		if (execInfo.isBatch()) {
			builder.setAttribute(SpanAttributes.DB_OPERATION_BATCH_SIZE, (long) execInfo.getBatchSize());
		}
		if (this.options.captureParameters()) {
			parameters(builder, queries.get(0), maxLength);
		}
		Span span = builder.startSpan();
		CURRENT.set(new StatementState(execInfo, parent, span, shape, System.nanoTime()));
		this.statistics.statement();
	}

	@Override
	public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		StatementState state = CURRENT.get();
		if (state == null || state.execInfo != execInfo) {
			return;
		}
		try {
			finish(execInfo, state);
		}
		catch (RuntimeException | LinkageError ex) {
			logFailure(ex);
		}
		finally {
			CURRENT.remove();
		}
	}

	private void finish(ExecutionInfo execInfo, StatementState state) {
		Span span = state.span;
		Throwable failure = execInfo.getThrowable();
		if (failure != null) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(SpanAttributes.ERROR_TYPE, failure.getClass().getName());
			span.recordException(failure);
		}
		if (System.nanoTime() - state.startNanos > this.slowThresholdNanos) {
			XRayAnnotations.annotate(span, SLOW_ANNOTATION, true);
			this.statistics.slowStatement();
		}
		if (this.nPlusOne != null) {
			this.nPlusOne.record(span.getSpanContext().getTraceId(), state.shape);
		}
		span.end();
	}

	private Tracer tracer() {
		Tracer tracer = this.tracer;
		if (tracer == null) {
			tracer = this.tracerSupplier.get();
			this.tracer = tracer;
		}
		return tracer;
	}

	private String text(List<QueryInfo> queries) {
		if (queries.size() == 1) {
			String query = queries.get(0).getQuery();
			return (query != null) ? query : "";
		}
		// A Statement batch: enough of its statements to fill the recorded text.
		int limit = this.options.maxStatementLength() * MAX_BATCH_TEXT_FACTOR;
		StringBuilder text = new StringBuilder();
		for (QueryInfo query : queries) {
			if (text.length() > limit) {
				break;
			}
			if (!text.isEmpty()) {
				text.append("; ");
			}
			text.append(query.getQuery());
		}
		return text.toString();
	}

	private static @Nullable String operation(List<QueryInfo> queries) {
		String operation = SqlSanitizer.operation(queries.get(0).getQuery());
		for (int i = 1; i < queries.size(); i++) {
			String other = SqlSanitizer.operation(queries.get(i).getQuery());
			if (operation == null || !operation.equals(other)) {
				return "BATCH";
			}
		}
		return operation;
	}

	private static void parameters(SpanBuilder builder, QueryInfo query, int maxLength) {
		List<List<ParameterSetOperation>> parametersList = query.getParametersList();
		if (parametersList == null || parametersList.isEmpty()) {
			return;
		}
		List<@Nullable String> columns = null;
		@Nullable Boolean mentionsSecret = null;
		for (ParameterSetOperation operation : parametersList.get(0)) {
			Object[] args = operation.getArgs();
			if (args == null || args.length == 0 || ParameterSetOperation.isRegisterOutParameterOperation(operation)) {
				continue;
			}
			Object parameter = args[0];
			String column;
			AttributeKey<String> key;
			if (parameter instanceof Integer index) {
				if (columns == null) {
					columns = SqlParameterColumns.of(query.getQuery());
				}
				column = (index >= 1 && index <= columns.size()) ? columns.get(index - 1) : null;
				key = parameterKey(index);
			}
			else if (parameter instanceof String name) {
				column = name;
				key = AttributeKey.stringKey(SpanAttributes.DB_QUERY_PARAMETER_PREFIX + name);
			}
			else {
				continue;
			}
			boolean isNull = ParameterSetOperation.isSetNullParameterOperation(operation) || args.length < 2;
			boolean secret;
			if (column != null) {
				secret = SqlParameterColumns.isSecret(column);
			}
			else {
				// No column found: mask when the statement names a secret anywhere.
				if (mentionsSecret == null) {
					mentionsSecret = SqlParameterColumns.mentionsSecret(query.getQuery());
				}
				secret = mentionsSecret;
			}
			String value = secret ? MASK : render(isNull ? null : args[1], maxLength);
			builder.setAttribute(key, value);
		}
	}

	@SuppressWarnings("unchecked")
	private static AttributeKey<String> parameterKey(int index) {
		if (index >= 1 && index <= CACHED_PARAMETER_KEYS) {
			return (AttributeKey<String>) PARAMETER_KEYS[index];
		}
		return AttributeKey.stringKey(SpanAttributes.DB_QUERY_PARAMETER_PREFIX + index);
	}

	private static String render(@Nullable Object value, int maxLength) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof byte[] bytes) {
			return "<" + bytes.length + " bytes>";
		}
		if (value instanceof InputStream || value instanceof Reader || value instanceof Blob || value instanceof Clob) {
			return "<" + value.getClass().getSimpleName() + ">";
		}
		return SqlSanitizer.truncate(String.valueOf(value), maxLength);
	}

	private void logFailure(Throwable ex) {
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn("Could not record a JDBC statement as a span; the statement itself is unaffected", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Could not record a JDBC statement as a span", ex);
		}
	}

	/**
	 * What {@code beforeQuery} hands to {@code afterQuery}.
	 */
	private record StatementState(ExecutionInfo execInfo, SpanContext parent, Span span, String shape,
			long startNanos) {

	}

}
