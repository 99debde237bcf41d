package io.github.xrayspring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for AWS X-Ray. The properties check themselves when Spring
 * Boot binds them (as a {@link Validator}, without needing Bean Validation), so a bad
 * value fails startup with Boot's report naming the property, whatever beans exist.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@ConfigurationProperties("xray")
public class XRayProperties implements Validator {

	/**
	 * Whether to enable the X-Ray starter. When false, Spring Boot behaves as without it.
	 */
	private boolean enabled = true;

	/**
	 * Format of new trace IDs: 'xray' puts the epoch second in the first 8 hex digits,
	 * 'w3c' makes them fully random.
	 */
	private TraceIdFormat traceIdFormat = TraceIdFormat.XRAY;

	private final Exporter exporter = new Exporter();

	private final Sampling sampling = new Sampling();

	private final Annotations annotations = new Annotations();

	private final Web web = new Web();

	private final Jdbc jdbc = new Jdbc();

	private final Resource resource = new Resource();

	private final AwsSdk awsSdk = new AwsSdk();

	private final Cost cost = new Cost();

	private final Preview preview = new Preview();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public TraceIdFormat getTraceIdFormat() {
		return this.traceIdFormat;
	}

	public void setTraceIdFormat(TraceIdFormat traceIdFormat) {
		this.traceIdFormat = traceIdFormat;
	}

	public Exporter getExporter() {
		return this.exporter;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Annotations getAnnotations() {
		return this.annotations;
	}

	public Web getWeb() {
		return this.web;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Resource getResource() {
		return this.resource;
	}

	public AwsSdk getAwsSdk() {
		return this.awsSdk;
	}

	public Cost getCost() {
		return this.cost;
	}

	public Preview getPreview() {
		return this.preview;
	}

	@Override
	public boolean supports(Class<?> type) {
		return XRayProperties.class.isAssignableFrom(type);
	}

	// field names are the properties' own (dashed) names below 'xray', which Boot's
	// failure analysis prints as 'Property: xray.<field>'
	@Override
	public void validate(Object target, Errors errors) {
		XRayProperties properties = (XRayProperties) target;
		Sampling sampling = properties.getSampling();
		notNegative(errors, "sampling.reservoir-per-second", sampling.getReservoirPerSecond());
		rate(errors, "sampling.fixed-rate", sampling.getFixedRate());
		Integer ceiling = sampling.getMaxTracesPerSecond();
		if (ceiling != null) {
			notNegative(errors, "sampling.max-traces-per-second", ceiling);
		}
		for (int i = 0; i < sampling.getRules().size(); i++) {
			Sampling.Rule rule = sampling.getRules().get(i);
			notNegative(errors, "sampling.rules[" + i + "].reservoir-per-second", rule.getReservoirPerSecond());
			rate(errors, "sampling.rules[" + i + "].fixed-rate", rule.getFixedRate());
		}
		Sampling.Remote remote = sampling.getRemote();
		if (!isPositive(remote.getPollingInterval())) {
			errors.rejectValue("sampling.remote.polling-interval", "positive", "Must be positive.");
		}
		if (remote.isEnabled() && !isHttpUrl(remote.getEndpoint())) {
			errors.rejectValue("sampling.remote.endpoint", "url",
					"Must be an http or https URL such as http://localhost:2000.");
		}
		Jdbc jdbc = properties.getJdbc();
		if (jdbc.getMaxStatementLength() < 1) {
			errors.rejectValue("jdbc.max-statement-length", "positive", "Must be at least 1.");
		}
		if (jdbc.getSlowQueryThreshold() == null || jdbc.getSlowQueryThreshold().isNegative()) {
			errors.rejectValue("jdbc.slow-query-threshold", "negative", "Must not be negative.");
		}
		if (jdbc.getNPlusOneThreshold() < 1) {
			errors.rejectValue("jdbc.n-plus-one-threshold", "positive", "Must be at least 1.");
		}
		Cost cost = properties.getCost();
		if (!(cost.getPricePerMillionTraces() >= 0)) {
			errors.rejectValue("cost.price-per-million-traces", "negative", "Must not be negative.");
		}
		if (cost.getPricePerGb() != null && !(cost.getPricePerGb() >= 0)) {
			errors.rejectValue("cost.price-per-gb", "negative", "Must not be negative.");
		}
		Preview preview = properties.getPreview();
		if (preview.getMaxTraces() < 1) {
			errors.rejectValue("preview.max-traces", "positive", "Must be at least 1.");
		}
		if (preview.getMaxBytes() == null || preview.getMaxBytes().toBytes() < 1) {
			errors.rejectValue("preview.max-bytes", "positive", "Must be positive.");
		}
	}

	private static void notNegative(Errors errors, String field, int value) {
		if (value < 0) {
			errors.rejectValue(field, "negative", "Must not be negative.");
		}
	}

	private static void rate(Errors errors, String field, double value) {
		if (!(value >= 0 && value <= 1)) {
			errors.rejectValue(field, "rate", "Must be between 0 and 1.");
		}
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private static boolean isHttpUrl(@Nullable String endpoint) {
		if (endpoint == null) {
			return false;
		}
		try {
			URI uri = URI.create(endpoint);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Format of new trace IDs.
	 */
	public enum TraceIdFormat {

		/**
		 * X-Ray format: the first 32 bits are the epoch second the trace started.
		 */
		XRAY,

		/**
		 * W3C format: 128 random bits.
		 */
		W3C

	}

	/**
	 * Where finished spans go.
	 */
	public static class Exporter {

		/**
		 * Trace exporter: 'otlp' (Spring Boot's OTLP exporter, to a collector), 'aws'
		 * (SigV4-signed OTLP straight to the X-Ray endpoint), 'logging' (the X-Ray
		 * segment document of each span in the log) or 'none'.
		 */
		private ExporterType type = ExporterType.OTLP;

		private final Aws aws = new Aws();

		public ExporterType getType() {
			return this.type;
		}

		public void setType(ExporterType type) {
			this.type = type;
		}

		public Aws getAws() {
			return this.aws;
		}

		/**
		 * Direct export to the X-Ray OTLP endpoint.
		 */
		public static class Aws {

			/**
			 * AWS region to sign for and send to. Defaults to the AWS SDK's region chain
			 * (AWS_REGION, the 'aws.region' system property, the profile, the instance
			 * metadata).
			 */
			private @Nullable String region;

			/**
			 * X-Ray OTLP traces endpoint. Defaults to the regional endpoint
			 * 'https://xray.REGION.amazonaws.com/v1/traces'.
			 */
			private @Nullable String endpoint;

			public @Nullable String getRegion() {
				return this.region;
			}

			public void setRegion(@Nullable String region) {
				this.region = region;
			}

			public @Nullable String getEndpoint() {
				return this.endpoint;
			}

			public void setEndpoint(@Nullable String endpoint) {
				this.endpoint = endpoint;
			}

		}

	}

	/**
	 * The trace exporter to use.
	 */
	public enum ExporterType {

		/**
		 * Spring Boot's OTLP span exporter, configured with
		 * 'management.opentelemetry.tracing.export.otlp.*'.
		 */
		OTLP,

		/**
		 * OTLP/HTTP protobuf signed with SigV4 and sent straight to the X-Ray OTLP
		 * endpoint, configured with 'xray.exporter.aws.*'; needs the AWS SDK for Java v2
		 * modules 'auth' and 'regions'.
		 */
		AWS,

		/**
		 * One JSON line per finished span in the log: the X-Ray segment document the ADOT
		 * collector would make of it.
		 */
		LOGGING,

		/**
		 * Nothing is exported.
		 */
		NONE;

		/**
		 * Returns whether this type sends spans through Spring Boot's OTLP span exporter;
		 * for every other type the starter switches that exporter off.
		 * @return whether Boot's OTLP span exporter runs
		 */
		public boolean usesBootOtlpExporter() {
			return this == OTLP;
		}

	}

	/**
	 * X-Ray sampling.
	 */
	public static class Sampling {

		/**
		 * Whether to replace Spring Boot's sampler with the X-Ray rule sampler.
		 */
		private boolean enabled = true;

		/**
		 * Traces per second always sampled by the default rule.
		 */
		private int reservoirPerSecond = 1;

		/**
		 * Fraction of the remaining traces sampled by the default rule, from 0 to 1.
		 */
		private double fixedRate = 0.05;

		/**
		 * Sampling rules, applied in ascending priority before the default rule.
		 */
		private List<Rule> rules = new ArrayList<>();

		/**
		 * Location of an X-Ray local sampling rules file (version 1 or 2 JSON, comments
		 * allowed), a path or a 'classpath:' resource.
		 */
		private @Nullable String rulesFile;

		/**
		 * Whether to follow the sampling decision of an incoming trace header.
		 */
		private boolean respectParent = true;

		/**
		 * Ceiling over all new local traces per second, parent-sampled ones included.
		 */
		private @Nullable Integer maxTracesPerSecond;

		/**
		 * Whether actuator requests may be sampled. When false, they never are.
		 */
		private boolean traceActuator = false;

		private final Remote remote = new Remote();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getReservoirPerSecond() {
			return this.reservoirPerSecond;
		}

		public void setReservoirPerSecond(int reservoirPerSecond) {
			this.reservoirPerSecond = reservoirPerSecond;
		}

		public double getFixedRate() {
			return this.fixedRate;
		}

		public void setFixedRate(double fixedRate) {
			this.fixedRate = fixedRate;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public @Nullable String getRulesFile() {
			return this.rulesFile;
		}

		public void setRulesFile(@Nullable String rulesFile) {
			this.rulesFile = rulesFile;
		}

		public boolean isRespectParent() {
			return this.respectParent;
		}

		public void setRespectParent(boolean respectParent) {
			this.respectParent = respectParent;
		}

		public @Nullable Integer getMaxTracesPerSecond() {
			return this.maxTracesPerSecond;
		}

		public void setMaxTracesPerSecond(@Nullable Integer maxTracesPerSecond) {
			this.maxTracesPerSecond = maxTracesPerSecond;
		}

		public boolean isTraceActuator() {
			return this.traceActuator;
		}

		public void setTraceActuator(boolean traceActuator) {
			this.traceActuator = traceActuator;
		}

		public Remote getRemote() {
			return this.remote;
		}

		/**
		 * One sampling rule.
		 */
		public static class Rule {

			/**
			 * Name of the rule, used in meters and to break priority ties.
			 */
			private @Nullable String name;

			/**
			 * Priority of the rule; the lowest number wins.
			 */
			private int priority = 1000;

			/**
			 * Service name to match ('*' and '?' globs).
			 */
			private String serviceName = "*";

			/**
			 * Host header to match, case-insensitive ('*' and '?' globs).
			 */
			private String host = "*";

			/**
			 * HTTP method to match, case-insensitive ('*' and '?' globs).
			 */
			private String httpMethod = "*";

			/**
			 * URL path to match without the query string, case-sensitive ('*' and '?'
			 * globs).
			 */
			private String urlPath = "*";

			/**
			 * Traces per second always sampled by this rule.
			 */
			private int reservoirPerSecond = 0;

			/**
			 * Fraction of the remaining matching traces sampled, from 0 to 1.
			 */
			private double fixedRate = 0;

			public @Nullable String getName() {
				return this.name;
			}

			public void setName(@Nullable String name) {
				this.name = name;
			}

			public int getPriority() {
				return this.priority;
			}

			public void setPriority(int priority) {
				this.priority = priority;
			}

			public String getServiceName() {
				return this.serviceName;
			}

			public void setServiceName(String serviceName) {
				this.serviceName = serviceName;
			}

			public String getHost() {
				return this.host;
			}

			public void setHost(String host) {
				this.host = host;
			}

			public String getHttpMethod() {
				return this.httpMethod;
			}

			public void setHttpMethod(String httpMethod) {
				this.httpMethod = httpMethod;
			}

			public String getUrlPath() {
				return this.urlPath;
			}

			public void setUrlPath(String urlPath) {
				this.urlPath = urlPath;
			}

			public int getReservoirPerSecond() {
				return this.reservoirPerSecond;
			}

			public void setReservoirPerSecond(int reservoirPerSecond) {
				this.reservoirPerSecond = reservoirPerSecond;
			}

			public double getFixedRate() {
				return this.fixedRate;
			}

			public void setFixedRate(double fixedRate) {
				this.fixedRate = fixedRate;
			}

		}

		/**
		 * Centralized sampling rules from the X-Ray console.
		 */
		public static class Remote {

			/**
			 * Whether to fetch centralized sampling rules through the collector's
			 * sampling endpoint, falling back to the local rules while it is unreachable.
			 */
			private boolean enabled = false;

			/**
			 * Sampling endpoint of the collector or X-Ray daemon.
			 */
			private String endpoint = "http://localhost:2000";

			/**
			 * How often to refresh the centralized rules.
			 */
			private Duration pollingInterval = Duration.ofMinutes(5);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getEndpoint() {
				return this.endpoint;
			}

			public void setEndpoint(String endpoint) {
				this.endpoint = endpoint;
			}

			public Duration getPollingInterval() {
				return this.pollingInterval;
			}

			public void setPollingInterval(Duration pollingInterval) {
				this.pollingInterval = pollingInterval;
			}

		}

	}

	/**
	 * Searchable X-Ray annotations.
	 */
	public static class Annotations {

		/**
		 * Span attribute keys promoted to X-Ray annotations on every span that carries
		 * them.
		 */
		private List<String> attributes = new ArrayList<>();

		/**
		 * Whether to set 'enduser.id' from the authenticated principal (X-Ray's 'user').
		 */
		private boolean userFromPrincipal = false;

		private final XRayAnnotate xrayAnnotate = new XRayAnnotate();

		public List<String> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(List<String> attributes) {
			this.attributes = attributes;
		}

		public boolean isUserFromPrincipal() {
			return this.userFromPrincipal;
		}

		public void setUserFromPrincipal(boolean userFromPrincipal) {
			this.userFromPrincipal = userFromPrincipal;
		}

		public XRayAnnotate getXrayAnnotate() {
			return this.xrayAnnotate;
		}

		/**
		 * The '@XRayAnnotate' annotation on bean methods.
		 */
		public static class XRayAnnotate {

			/**
			 * Whether to record '@XRayAnnotate' values of controller, service, repository
			 * and any other bean methods as X-Ray annotations.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Former home of the '@XRayAnnotate' switch, kept so that the old name still works.
	 */
	public static class Web {

		private final Annotate annotate = new Annotate();

		public Annotate getAnnotate() {
			return this.annotate;
		}

		/**
		 * The '@XRayAnnotate' advisor, under its former name.
		 */
		public static class Annotate {

			/**
			 * Whether to record '@XRayAnnotate' values as X-Ray annotations.
			 */
			private boolean enabled = true;

			/**
			 * Returns the former switch; the new name says that it covers every bean, not
			 * only web controllers.
			 * @return whether '@XRayAnnotate' is recorded
			 * @deprecated since 0.1.0 in favour of
			 * {@code xray.annotations.xray-annotate.enabled}
			 */
			@Deprecated(since = "0.1.0")
			@DeprecatedConfigurationProperty(replacement = "xray.annotations.xray-annotate.enabled", since = "0.1.0",
					reason = "It switches '@XRayAnnotate' on every bean, not only in the web layer.")
			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * SQL statements as X-Ray SQL subsegments.
	 */
	public static class Jdbc {

		/**
		 * Whether to wrap DataSource beans so that each statement becomes a span.
		 */
		private boolean enabled = true;

		/**
		 * Whether to replace literals in recorded statements with '?'.
		 */
		private boolean sanitize = true;

		/**
		 * Whether to record bind parameters (values bound to secret-looking columns are
		 * masked).
		 */
		private boolean captureParameters = false;

		/**
		 * Maximum length of a recorded statement, marker included.
		 */
		private int maxStatementLength = 2048;

		/**
		 * Duration over which a statement is annotated 'sql_slow'.
		 */
		private Duration slowQueryThreshold = Duration.ofSeconds(1);

		/**
		 * Number of runs of the same statement in one request over which the request is
		 * annotated 'sql_n_plus_one'.
		 */
		private int nPlusOneThreshold = 10;

		/**
		 * Which set of database attribute keys SQL spans carry: "both" (the old keys the
		 * X-Ray collector exporter reads, such as db.statement, and the stable
		 * OpenTelemetry ones, such as db.query.text), "old" or "stable".
		 */
		private AttributeKeys attributeKeys = AttributeKeys.BOTH;

		/**
		 * Names of DataSource beans that are not wrapped.
		 */
		private List<String> excludedDataSourceBeanNames = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSanitize() {
			return this.sanitize;
		}

		public void setSanitize(boolean sanitize) {
			this.sanitize = sanitize;
		}

		public boolean isCaptureParameters() {
			return this.captureParameters;
		}

		public void setCaptureParameters(boolean captureParameters) {
			this.captureParameters = captureParameters;
		}

		public int getMaxStatementLength() {
			return this.maxStatementLength;
		}

		public void setMaxStatementLength(int maxStatementLength) {
			this.maxStatementLength = maxStatementLength;
		}

		public Duration getSlowQueryThreshold() {
			return this.slowQueryThreshold;
		}

		public void setSlowQueryThreshold(Duration slowQueryThreshold) {
			this.slowQueryThreshold = slowQueryThreshold;
		}

		public int getNPlusOneThreshold() {
			return this.nPlusOneThreshold;
		}

		public void setNPlusOneThreshold(int nPlusOneThreshold) {
			this.nPlusOneThreshold = nPlusOneThreshold;
		}

		public AttributeKeys getAttributeKeys() {
			return this.attributeKeys;
		}

		public void setAttributeKeys(AttributeKeys attributeKeys) {
			this.attributeKeys = attributeKeys;
		}

		public List<String> getExcludedDataSourceBeanNames() {
			return this.excludedDataSourceBeanNames;
		}

		public void setExcludedDataSourceBeanNames(List<String> excludedDataSourceBeanNames) {
			this.excludedDataSourceBeanNames = excludedDataSourceBeanNames;
		}

		/**
		 * The database attribute keys of SQL spans.
		 */
		public enum AttributeKeys {

			/**
			 * The old keys and the stable ones.
			 */
			BOTH(true, true),

			/**
			 * The old keys only (db.system, db.name, db.statement, db.operation): what
			 * the X-Ray collector exporter reads.
			 */
			OLD(true, false),

			/**
			 * The stable keys only (db.system.name, db.namespace, db.query.text,
			 * db.operation.name).
			 */
			STABLE(false, true);

			private final boolean old;

			private final boolean stable;

			AttributeKeys(boolean old, boolean stable) {
				this.old = old;
				this.stable = stable;
			}

			/**
			 * Whether the old keys are written.
			 * @return whether the old keys are written
			 */
			public boolean isOld() {
				return this.old;
			}

			/**
			 * Whether the stable keys are written.
			 * @return whether the stable keys are written
			 */
			public boolean isStable() {
				return this.stable;
			}

		}

	}

	/**
	 * Resource attributes.
	 */
	public static class Resource {

		/**
		 * Whether to add AWS resource attributes (EC2, ECS, EKS, Elastic Beanstalk,
		 * Lambda): 'auto' only when local signals say the app runs on AWS, 'on' always
		 * tries, 'off' never.
		 */
		private AwsDetection awsDetection = AwsDetection.AUTO;

		public AwsDetection getAwsDetection() {
			return this.awsDetection;
		}

		public void setAwsDetection(AwsDetection awsDetection) {
			this.awsDetection = awsDetection;
		}

	}

	/**
	 * When to detect AWS resource attributes.
	 */
	public enum AwsDetection {

		/**
		 * Only when environment variables, files or the DMI identity say AWS; off AWS no
		 * network call is made.
		 */
		AUTO,

		/**
		 * Always ask the metadata endpoints of every platform.
		 */
		ON,

		/**
		 * Never.
		 */
		OFF

	}

	/**
	 * AWS SDK for Java v2 calls.
	 */
	public static class AwsSdk {

		/**
		 * Whether every AWS SDK v2 client records its calls as spans (X-Ray 'aws'
		 * subsegments) and sends the trace context on SQS messages.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Prices for the projected X-Ray bill shown by the 'xray' actuator endpoint and the
	 * 'xray.cost.projected.monthly' gauge.
	 */
	public static class Cost {

		/**
		 * USD per million traces recorded (X-Ray's price for traces stored), used for the
		 * projected monthly cost.
		 */
		private double pricePerMillionTraces = 5.00;

		/**
		 * USD per GB of spans ingested with CloudWatch Transaction Search on (the
		 * CloudWatch Logs ingestion price of your region). Without it, no cost is
		 * projected for that price model.
		 */
		private @Nullable Double pricePerGb;

		public double getPricePerMillionTraces() {
			return this.pricePerMillionTraces;
		}

		public void setPricePerMillionTraces(double pricePerMillionTraces) {
			this.pricePerMillionTraces = pricePerMillionTraces;
		}

		public @Nullable Double getPricePerGb() {
			return this.pricePerGb;
		}

		public void setPricePerGb(@Nullable Double pricePerGb) {
			this.pricePerGb = pricePerGb;
		}

	}

	/**
	 * The local X-Ray preview: the segment documents of recent traces, kept in memory for
	 * the actuator endpoint and the trace page.
	 */
	public static class Preview {

		/**
		 * Whether to keep the X-Ray segment documents of recent traces next to any
		 * exporter, without logging them. Always on with the 'logging' exporter.
		 */
		private boolean enabled = false;

		/**
		 * Maximum number of recent traces kept.
		 */
		private int maxTraces = 200;

		/**
		 * Maximum size of the segment documents kept, over all traces.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(2);

		private final Ui ui = new Ui();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public Ui getUi() {
			return this.ui;
		}

		/**
		 * The trace page.
		 */
		public static class Ui {

			/**
			 * Whether to serve the trace page at '/xray/' (for development: it shows the
			 * kept documents through the 'xray' actuator endpoint, which must be
			 * exposed).
			 */
			private boolean enabled = false;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

}
