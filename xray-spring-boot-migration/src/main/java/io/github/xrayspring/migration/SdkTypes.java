package io.github.xrayspring.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaParser;
import org.openrewrite.java.MethodMatcher;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.Space;
import org.openrewrite.java.tree.TypeUtils;

/**
 * The X-Ray SDK methods the recipes recognise, and the starter's API as the templates see
 * it.
 *
 * @author xray-spring-boot-starter team
 */
final class SdkTypes {

	static final String XRAY = "io.github.xrayspring.XRay";

	static final String SDK_PACKAGE = "com.amazonaws.xray";

	static final MethodMatcher PUT_ANNOTATION = new MethodMatcher(
			"com.amazonaws.xray.entities.Entity putAnnotation(String, ..)", true);

	static final MethodMatcher PUT_METADATA = new MethodMatcher("com.amazonaws.xray.entities.Entity putMetadata(..)",
			true);

	private static final MethodMatcher[] CURRENT_ENTITY = {
			new MethodMatcher("com.amazonaws.xray.AWSXRay getCurrentSegment()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRay getCurrentSubsegment()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRay getTraceEntity()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder getCurrentSegment()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder getCurrentSubsegment()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder getTraceEntity()") };

	private static final MethodMatcher[] CURRENT_ENTITY_OPTIONAL = {
			new MethodMatcher("com.amazonaws.xray.AWSXRay getCurrentSegmentOptional()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRay getCurrentSubsegmentOptional()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder getCurrentSegmentOptional()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder getCurrentSubsegmentOptional()") };

	static final MethodMatcher IF_PRESENT = new MethodMatcher(
			"java.util.Optional ifPresent(java.util.function.Consumer)");

	static final MethodMatcher[] CREATE_SUBSEGMENT = {
			new MethodMatcher("com.amazonaws.xray.AWSXRay createSubsegment(String, ..)"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder createSubsegment(String, ..)") };

	static final MethodMatcher[] BEGIN_SUBSEGMENT = {
			new MethodMatcher("com.amazonaws.xray.AWSXRay beginSubsegment(String)"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder beginSubsegment(String)") };

	static final MethodMatcher[] END_SUBSEGMENT = { new MethodMatcher("com.amazonaws.xray.AWSXRay endSubsegment()"),
			new MethodMatcher("com.amazonaws.xray.AWSXRayRecorder endSubsegment()"),
			new MethodMatcher("com.amazonaws.xray.entities.Subsegment close()", true) };

	static final MethodMatcher ADD_EXCEPTION = new MethodMatcher(
			"com.amazonaws.xray.entities.Entity addException(Throwable)", true);

	private SdkTypes() {
	}

	static boolean isCurrentEntity(@Nullable Expression expression) {
		return matchesAny(expression, CURRENT_ENTITY);
	}

	static boolean isCurrentEntityOptional(@Nullable Expression expression) {
		return matchesAny(expression, CURRENT_ENTITY_OPTIONAL);
	}

	static boolean matchesAny(@Nullable Expression expression, MethodMatcher... matchers) {
		if (expression instanceof J.MethodInvocation invocation) {
			for (MethodMatcher matcher : matchers) {
				if (matcher.matches(invocation)) {
					return true;
				}
			}
		}
		return false;
	}

	static boolean isSdkType(@Nullable JavaType type) {
		JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
		return fq != null && fq.getFullyQualifiedName().startsWith(SDK_PACKAGE + ".");
	}

	/**
	 * Returns a call of the starter's {@code XRay} API in place of another call: the
	 * original's place, formatting and arguments, the starter's method and its type.
	 * @param original the call replaced
	 * @param name the {@code XRay} method
	 * @param argumentTypes the simple names of the parameter types, e.g.
	 * {@code "String, long"}
	 * @param arguments the arguments
	 * @return the new call
	 */
	static J.MethodInvocation xrayCall(J.MethodInvocation original, String name, String argumentTypes,
			List<Expression> arguments) {
		J.MethodInvocation template = XRayCalls.CALLS.get(name + "(" + argumentTypes + ")");
		if (template == null) {
			throw new IllegalArgumentException("No XRay." + name + "(" + argumentTypes + ")");
		}
		J.Identifier select = ((J.Identifier) template.getSelect()).withPrefix(Space.EMPTY);
		J.MethodInvocation call = original.withSelect(select)
			.withName(original.getName().withSimpleName(name).withType(template.getMethodType()))
			.withMethodType(template.getMethodType());
		List<Expression> args = new ArrayList<>(arguments.size());
		for (int i = 0; i < arguments.size(); i++) {
			Expression argument = arguments.get(i);
			args.add((i == 0) ? argument.withPrefix(Space.EMPTY) : argument.withPrefix(
					argument.getPrefix().getWhitespace().isEmpty() ? Space.SINGLE_SPACE : argument.getPrefix()));
		}
		return call.withArguments(args).withTypeParameters(null);
	}

	/**
	 * Calls of every {@code XRay} method, parsed once, whose types new calls borrow.
	 */
	private static final class XRayCalls {

		static final Map<String, J.MethodInvocation> CALLS = parse();

		private static Map<String, J.MethodInvocation> parse() {
			String source = """
					import io.github.xrayspring.XRay;
					import java.util.function.Supplier;
					class Calls {
						void calls(Runnable runnable, Supplier<Object> supplier, XRay.CheckedRunnable<Exception> checkedRunnable,
								XRay.CheckedSupplier<Object, Exception> checkedSupplier) throws Exception {
							XRay.annotate("k", "v");
							XRay.annotate("k", 1L);
							XRay.annotate("k", 1.0);
							XRay.annotate("k", true);
							XRay.metadata("k", (Object) "v");
							XRay.subsegment("n", runnable);
							XRay.subsegment("n", supplier);
							XRay.subsegmentChecked("n", checkedRunnable);
							XRay.subsegmentChecked("n", checkedSupplier);
						}
					}
					""";
			Map<String, J.MethodInvocation> calls = new HashMap<>();
			starterParser().build()
				.parse(new InMemoryExecutionContext(), source)
				.forEach((parsed) -> new JavaIsoVisitor<Integer>() {

					@Override
					public J.MethodInvocation visitMethodInvocation(J.MethodInvocation invocation, Integer p) {
						JavaType.Method type = invocation.getMethodType();
						if (type != null) {
							String params = String.join(", ",
									type.getParameterTypes().stream().map(SdkTypes::simpleName).toList());
							calls.put(type.getName() + "(" + params + ")", invocation);
						}
						return invocation;
					}

				}.visit(parsed, 0));
			return calls;
		}

	}

	private static String simpleName(JavaType type) {
		if (type instanceof JavaType.Primitive primitive) {
			return primitive.getKeyword();
		}
		JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
		if (fq == null) {
			return type.toString();
		}
		String name = fq.getClassName();
		return name.substring(name.lastIndexOf('.') + 1);
	}

	/**
	 * A parser that knows the starter's {@code XRay} API, for templates.
	 * @return the parser builder
	 */
	static JavaParser.Builder<?, ?> starterParser() {
		return JavaParser.fromJavaVersion()
			.dependsOn(
					"""
							package io.github.xrayspring;
							import java.util.function.Supplier;
							public final class XRay {
								public static void annotate(String key, String value) {}
								public static void annotate(String key, long value) {}
								public static void annotate(String key, double value) {}
								public static void annotate(String key, boolean value) {}
								public static void metadata(String key, Object value) {}
								public static String currentTraceId() { return ""; }
								public static void subsegment(String name, Runnable work) {}
								public static <T> T subsegment(String name, Supplier<T> work) { return work.get(); }
								public static <E extends Throwable> void subsegmentChecked(String name, CheckedRunnable<E> work) throws E {}
								public static <T, E extends Throwable> T subsegmentChecked(String name, CheckedSupplier<T, E> work) throws E { return work.get(); }
								public interface CheckedRunnable<E extends Throwable> { void run() throws E; }
								public interface CheckedSupplier<T, E extends Throwable> { T get() throws E; }
							}
							""");
	}

}
