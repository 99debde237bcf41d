package io.github.xrayspring.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaTemplate;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.Statement;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Turns {@code putAnnotation} and {@code putMetadata} on the current segment or
 * subsegment into {@code XRay.annotate} and {@code XRay.metadata}. The starter annotates
 * the current span: in a controller that is the server span (the segment), inside
 * {@code XRay.subsegment} the child span.
 *
 * @author xray-spring-boot-starter team
 */
public class MigrateAnnotationsAndMetadata extends Recipe {

	@Override
	public String getDisplayName() {
		return "X-Ray SDK annotations and metadata to `XRay.annotate` and `XRay.metadata`";
	}

	@Override
	public String getDescription() {
		return "Rewrites `putAnnotation` and `putMetadata` on `AWSXRay.getCurrentSegment()`, "
				+ "`getCurrentSubsegment()`, their `Optional` forms and subsegment variables to the starter's `XRay` helpers.";
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor() {
		return Preconditions.check(new UsesType<>("com.amazonaws.xray.entities.Entity", true), new Visitor());
	}

	static final class Visitor extends JavaIsoVisitor<ExecutionContext> {

		private final JavaTemplate annotateNumber = JavaTemplate
			.builder("XRay.annotate(#{any(String)}, #{any(java.lang.Number)}.doubleValue())")
			.imports(SdkTypes.XRAY)
			.javaParser(SdkTypes.starterParser())
			.build();

		private final JavaTemplate namespacedMetadata = JavaTemplate
			.builder("XRay.metadata(#{any(String)} + \".\" + #{any(String)}, #{any()})")
			.imports(SdkTypes.XRAY)
			.javaParser(SdkTypes.starterParser())
			.build();

		@Override
		public J.MethodInvocation visitMethodInvocation(J.MethodInvocation method, ExecutionContext ctx) {
			J.MethodInvocation invocation = super.visitMethodInvocation(method, ctx);
			boolean annotation = SdkTypes.PUT_ANNOTATION.matches(invocation);
			boolean meta = SdkTypes.PUT_METADATA.matches(invocation);
			if ((annotation || meta) && isCurrentEntity(invocation.getSelect(), getCursor())) {
				maybeAddImport(SdkTypes.XRAY);
				maybeRemoveImport("com.amazonaws.xray.AWSXRay");
				maybeRemoveImport("com.amazonaws.xray.entities.Segment");
				maybeRemoveImport("com.amazonaws.xray.entities.Subsegment");
				List<Expression> args = invocation.getArguments();
				if (annotation) {
					return replaceAnnotation(invocation, args);
				}
				if (args.size() == 3) {
					return replaceNamespacedMetadata(invocation, args);
				}
				return SdkTypes.xrayCall(invocation, "metadata", "String, Object", args);
			}
			if (SdkTypes.IF_PRESENT.matches(invocation) && SdkTypes.isCurrentEntityOptional(invocation.getSelect())
					&& invocation.getArguments().get(0) instanceof J.Lambda lambda
					&& lambda.getBody() instanceof J.MethodInvocation body && !usesParameters(lambda)) {
				// every use of the segment was rewritten: the body runs on its own
				maybeRemoveImport("com.amazonaws.xray.AWSXRay");
				return body.withPrefix(invocation.getPrefix());
			}
			return invocation;
		}

		private J.MethodInvocation replaceAnnotation(J.MethodInvocation invocation, List<Expression> args) {
			String overload = annotateOverload(args.get(1).getType());
			if (overload == null) {
				// Number, BigDecimal, BigInteger: X-Ray keeps numbers as doubles
				J.MethodInvocation replaced = this.annotateNumber.apply(getCursor(),
						invocation.getCoordinates().replace(), args.get(0), args.get(1));
				return replaced.withPrefix(invocation.getPrefix());
			}
			return SdkTypes.xrayCall(invocation, "annotate", "String, " + overload, args);
		}

		private static @Nullable String annotateOverload(@Nullable JavaType type) {
			if (type instanceof JavaType.Primitive primitive) {
				return switch (primitive) {
					case Int, Long, Short, Byte, Char -> "long";
					case Double, Float -> "double";
					case Boolean -> "boolean";
					case String -> "String";
					default -> null;
				};
			}
			JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
			if (fq == null) {
				return null;
			}
			return switch (fq.getFullyQualifiedName()) {
				case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte" -> "long";
				case "java.lang.Double", "java.lang.Float" -> "double";
				case "java.lang.Boolean" -> "boolean";
				default -> TypeUtils.isAssignableTo("java.lang.CharSequence", fq) ? "String" : null;
			};
		}

		private J.MethodInvocation replaceNamespacedMetadata(J.MethodInvocation invocation, List<Expression> args) {
			if (args.get(0) instanceof J.Literal namespace && namespace.getValue() instanceof String ns
					&& args.get(1) instanceof J.Literal key && key.getValue() instanceof String name) {
				// a literal namespace and key become one literal key, as X-Ray shows it
				J.Literal joined = key.withValue(ns + "." + name)
					.withValueSource("\"" + (ns + "." + name).replace("\"", "\\\"") + "\"");
				return SdkTypes.xrayCall(invocation, "metadata", "String, Object", List.of(joined, args.get(2)));
			}
			J.MethodInvocation replaced = this.namespacedMetadata.apply(getCursor(),
					invocation.getCoordinates().replace(), args.get(0), args.get(1), args.get(2));
			return replaced.withPrefix(invocation.getPrefix());
		}

		@Override
		public J.Block visitBlock(J.Block block, ExecutionContext ctx) {
			J.Block visited = super.visitBlock(block, ctx);
			List<Statement> statements = new ArrayList<>();
			boolean changed = false;
			for (Statement statement : visited.getStatements()) {
				if (statement instanceof J.MethodInvocation invocation && SdkTypes.IF_PRESENT.matches(invocation)
						&& SdkTypes.isCurrentEntityOptional(invocation.getSelect())
						&& invocation.getArguments().get(0) instanceof J.Lambda lambda
						&& lambda.getBody() instanceof J.Block body && !usesParameters(lambda)) {
					// ifPresent(s -> { ... }) whose statements no longer use s: keep them
					List<Statement> inner = body.getStatements();
					for (int i = 0; i < inner.size(); i++) {
						Statement moved = inner.get(i);
						statements.add((i == 0) ? moved.withPrefix(statement.getPrefix()) : moved
							.withPrefix(moved.getPrefix().withWhitespace(statement.getPrefix().getWhitespace())));
					}
					maybeRemoveImport("com.amazonaws.xray.AWSXRay");
					changed = true;
				}
				else {
					statements.add(statement);
				}
			}
			return changed ? visited.withStatements(statements) : visited;
		}

		static boolean usesParameters(J.Lambda lambda) {
			List<String> names = new ArrayList<>();
			for (J parameter : lambda.getParameters().getParameters()) {
				if (parameter instanceof J.VariableDeclarations declarations) {
					declarations.getVariables().forEach((variable) -> names.add(variable.getSimpleName()));
				}
				else if (parameter instanceof J.Identifier identifier) {
					names.add(identifier.getSimpleName());
				}
			}
			return references(lambda.getBody(), names);
		}

		static boolean references(J tree, List<String> names) {
			AtomicBoolean found = new AtomicBoolean();
			new JavaIsoVisitor<AtomicBoolean>() {

				@Override
				public J.Identifier visitIdentifier(J.Identifier identifier, AtomicBoolean result) {
					if (names.contains(identifier.getSimpleName()) && identifier.getFieldType() != null) {
						result.set(true);
					}
					return identifier;
				}

			}.visit(tree, found);
			return found.get();
		}

		/**
		 * Whether an expression is the segment or subsegment that is current where it is
		 * used: {@code AWSXRay.getCurrentSegment()}, the parameter of a lambda given to
		 * {@code ifPresent} on the {@code Optional} form or to {@code createSubsegment},
		 * or a local variable set from one of those or from {@code beginSubsegment}.
		 */
		static boolean isCurrentEntity(@Nullable Expression select, Cursor cursor) {
			if (SdkTypes.isCurrentEntity(select)) {
				return true;
			}
			if (!(select instanceof J.Identifier identifier)) {
				return false;
			}
			String name = identifier.getSimpleName();
			for (Cursor c = cursor; c != null; c = c.getParent()) {
				Object value = c.getValue();
				if (value instanceof J.Lambda lambda && declaresParameter(lambda, name)) {
					Cursor parent = c.getParentTreeCursor();
					return parent.getValue() instanceof J.MethodInvocation owner && ((SdkTypes.IF_PRESENT.matches(owner)
							&& SdkTypes.isCurrentEntityOptional(owner.getSelect()))
							|| SdkTypes.matchesAny(owner, SdkTypes.CREATE_SUBSEGMENT));
				}
				if (value instanceof J.MethodDeclaration declaration && declaration.getBody() != null) {
					return isCurrentEntityVariable(declaration.getBody(), identifier);
				}
			}
			return false;
		}

		private static boolean declaresParameter(J.Lambda lambda, String name) {
			for (J parameter : lambda.getParameters().getParameters()) {
				if (parameter instanceof J.VariableDeclarations declarations && declarations.getVariables()
					.stream()
					.anyMatch((variable) -> variable.getSimpleName().equals(name))) {
					return true;
				}
				if (parameter instanceof J.Identifier id && id.getSimpleName().equals(name)) {
					return true;
				}
			}
			return false;
		}

		private static boolean isCurrentEntityVariable(J.Block body, J.Identifier identifier) {
			AtomicBoolean found = new AtomicBoolean();
			new JavaIsoVisitor<AtomicBoolean>() {

				@Override
				public J.VariableDeclarations.NamedVariable visitVariable(J.VariableDeclarations.NamedVariable variable,
						AtomicBoolean result) {
					if (variable.getSimpleName().equals(identifier.getSimpleName())
							&& (SdkTypes.isCurrentEntity(variable.getInitializer())
									|| SdkTypes.matchesAny(variable.getInitializer(), SdkTypes.BEGIN_SUBSEGMENT))) {
						result.set(true);
					}
					return variable;
				}

			}.visit(body, found);
			return found.get();
		}

	}

}
