package io.github.xrayspring.migration;

import java.util.concurrent.atomic.AtomicBoolean;

import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaVisitor;
import org.openrewrite.java.MethodMatcher;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Removes the SDK's instrumentation that the starter replaces: {@code @Bean} methods that
 * register {@code AWSXRayServletFilter} (Boot's HTTP observations trace requests), the
 * user's {@code AbstractXRayInterceptor} aspects behind {@code @XRayEnabled}, the
 * {@code TracingDataSource}/{@code TracingConnection}/{@code TracingStatement} wrappers
 * (the starter wraps every DataSource bean), and the SDK's AWS SDK v2
 * {@code TracingInterceptor} on client builders (the starter instruments AWS SDK v2
 * clients).
 *
 * @author xray-spring-boot-starter team
 */
public class RemoveSdkInstrumentation extends Recipe {

	private static final String[] SERVLET_FILTERS = { "com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter",
			"com.amazonaws.xray.javax.servlet.AWSXRayServletFilter" };

	private static final String INTERCEPTOR_ASPECT = "com.amazonaws.xray.spring.aop.BaseAbstractXRayInterceptor";

	private static final String AWS_SDK_V2_INTERCEPTOR = "com.amazonaws.xray.interceptors.TracingInterceptor";

	private static final MethodMatcher[] JDBC_DECORATORS = {
			new MethodMatcher("com.amazonaws.xray.sql.TracingDataSource decorate(javax.sql.DataSource)"),
			new MethodMatcher("com.amazonaws.xray.sql.TracingConnection decorate(java.sql.Connection)"),
			new MethodMatcher("com.amazonaws.xray.sql.TracingStatement decorateStatement(java.sql.Statement)"),
			new MethodMatcher("com.amazonaws.xray.sql.TracingStatement decoratePreparedStatement(..)"),
			new MethodMatcher("com.amazonaws.xray.sql.TracingStatement decorateCallableStatement(..)") };

	private static final MethodMatcher ADD_EXECUTION_INTERCEPTOR = new MethodMatcher(
			"software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder addExecutionInterceptor(..)",
			true);

	private static final MethodMatcher OVERRIDE_CONFIGURATION = new MethodMatcher(
			"software.amazon.awssdk.core.client.builder.SdkClientBuilder overrideConfiguration(..)", true);

	private static final MethodMatcher EMPTY_OVERRIDE_BUILDER = new MethodMatcher(
			"software.amazon.awssdk.core.client.config.ClientOverrideConfiguration builder()");

	private static final MethodMatcher OVERRIDE_BUILD = new MethodMatcher(
			"software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder build()", true);

	@Override
	public String getDisplayName() {
		return "Remove X-Ray SDK instrumentation the starter replaces";
	}

	@Override
	public String getDescription() {
		return "Removes `AWSXRayServletFilter` beans, `AbstractXRayInterceptor` aspects, the SQL tracing wrappers "
				+ "and the SDK's AWS SDK v2 `TracingInterceptor`.";
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor() {
		return Preconditions.check(new UsesType<>("com.amazonaws.xray..*", true), new Visitor());
	}

	static final class Visitor extends JavaVisitor<ExecutionContext> {

		@Override
		public J visitCompilationUnit(J.CompilationUnit unit, ExecutionContext ctx) {
			if (!unit.getClasses().isEmpty() && unit.getClasses().stream().allMatch(Visitor::isInterceptorAspect)) {
				// a file that only holds the @XRayEnabled aspect goes away with it
				return null;
			}
			return super.visitCompilationUnit(unit, ctx);
		}

		@Override
		public J visitClassDeclaration(J.ClassDeclaration declaration, ExecutionContext ctx) {
			if (isInterceptorAspect(declaration)) {
				return null;
			}
			return super.visitClassDeclaration(declaration, ctx);
		}

		private static boolean isInterceptorAspect(J.ClassDeclaration declaration) {
			return TypeUtils.isAssignableTo(INTERCEPTOR_ASPECT, declaration.getType());
		}

		@Override
		public J visitMethodDeclaration(J.MethodDeclaration method, ExecutionContext ctx) {
			boolean bean = method.getLeadingAnnotations()
				.stream()
				.anyMatch((annotation) -> TypeUtils.isOfClassType(annotation.getType(),
						"org.springframework.context.annotation.Bean"));
			if (bean && method.getBody() != null && createsServletFilter(method.getBody())) {
				for (String filter : SERVLET_FILTERS) {
					maybeRemoveImport(filter);
				}
				maybeRemoveImport("jakarta.servlet.Filter");
				maybeRemoveImport("javax.servlet.Filter");
				maybeRemoveImport("org.springframework.boot.web.servlet.FilterRegistrationBean");
				maybeRemoveImport("org.springframework.context.annotation.Bean");
				return null;
			}
			return super.visitMethodDeclaration(method, ctx);
		}

		private static boolean createsServletFilter(J.Block body) {
			AtomicBoolean found = new AtomicBoolean();
			new JavaIsoVisitor<AtomicBoolean>() {

				@Override
				public J.NewClass visitNewClass(J.NewClass newClass, AtomicBoolean result) {
					for (String filter : SERVLET_FILTERS) {
						if (TypeUtils.isOfClassType(newClass.getType(), filter)) {
							result.set(true);
						}
					}
					return super.visitNewClass(newClass, result);
				}

			}.visit(body, found);
			return found.get();
		}

		@Override
		public J visitMethodInvocation(J.MethodInvocation method, ExecutionContext ctx) {
			J visited = super.visitMethodInvocation(method, ctx);
			if (!(visited instanceof J.MethodInvocation invocation)) {
				return visited;
			}
			if (SdkTypes.matchesAny(invocation, JDBC_DECORATORS)) {
				// the starter wraps the DataSource bean itself
				maybeRemoveImport("com.amazonaws.xray.sql.TracingDataSource");
				maybeRemoveImport("com.amazonaws.xray.sql.TracingConnection");
				maybeRemoveImport("com.amazonaws.xray.sql.TracingStatement");
				return invocation.getArguments().get(0).withPrefix(invocation.getPrefix());
			}
			if (ADD_EXECUTION_INTERCEPTOR.matches(invocation) && invocation.getSelect() != null
					&& invocation.getArguments().get(0) instanceof J.NewClass interceptor
					&& TypeUtils.isOfClassType(interceptor.getType(), AWS_SDK_V2_INTERCEPTOR)) {
				maybeRemoveImport(AWS_SDK_V2_INTERCEPTOR);
				return invocation.getSelect();
			}
			if (OVERRIDE_CONFIGURATION.matches(invocation) && invocation.getSelect() != null
					&& isEmptyOverride(invocation.getArguments().get(0))) {
				maybeRemoveImport("software.amazon.awssdk.core.client.config.ClientOverrideConfiguration");
				return invocation.getSelect();
			}
			return invocation;
		}

		private static boolean isEmptyOverride(Expression argument) {
			if (argument instanceof J.MethodInvocation build && OVERRIDE_BUILD.matches(build)) {
				return build.getSelect() instanceof J.MethodInvocation builder
						&& EMPTY_OVERRIDE_BUILDER.matches(builder);
			}
			if (argument instanceof J.Lambda lambda && lambda.getParameters().getParameters().size() == 1) {
				J parameter = lambda.getParameters().getParameters().get(0);
				String name = (parameter instanceof J.VariableDeclarations declarations)
						? declarations.getVariables().get(0).getSimpleName()
						: (parameter instanceof J.Identifier identifier) ? identifier.getSimpleName() : null;
				J body = lambda.getBody();
				return name != null && body instanceof J.Identifier identifier
						&& identifier.getSimpleName().equals(name);
			}
			return false;
		}

	}

}
