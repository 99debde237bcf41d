package io.github.xrayspring.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaTemplate;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.Space;
import org.openrewrite.java.tree.Statement;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Turns {@code AWSXRay.createSubsegment(name, work)} and
 * {@code beginSubsegment}/{@code endSubsegment} in {@code try}/{@code finally} into
 * {@code XRay.subsegment} (or {@code XRay.subsegmentChecked} when the work throws a
 * checked exception). A {@code try} block that returns, jumps out, assigns a local
 * variable of the enclosing method or still uses the subsegment is left alone and marked.
 *
 * @author xray-spring-boot-starter team
 */
public class MigrateSubsegments extends Recipe {

	@Override
	public String getDisplayName() {
		return "X-Ray SDK subsegments to `XRay.subsegment`";
	}

	@Override
	public String getDescription() {
		return "Rewrites `AWSXRay.createSubsegment(..)` and `beginSubsegment`/`endSubsegment` in try/finally "
				+ "to the starter's child-span helper.";
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor() {
		return Preconditions.check(new UsesType<>("com.amazonaws.xray..*", true), new Visitor());
	}

	static final class Visitor extends JavaIsoVisitor<ExecutionContext> {

		private final JavaTemplate runnable = JavaTemplate.builder("XRay.subsegment(#{any(String)}, () -> {\n});")
			.imports(SdkTypes.XRAY)
			.javaParser(SdkTypes.starterParser())
			.build();

		private final JavaTemplate checked = JavaTemplate.builder("XRay.subsegmentChecked(#{any(String)}, () -> {\n});")
			.imports(SdkTypes.XRAY)
			.javaParser(SdkTypes.starterParser())
			.build();

		@Override
		public J.MethodInvocation visitMethodInvocation(J.MethodInvocation method, ExecutionContext ctx) {
			J.MethodInvocation invocation = super.visitMethodInvocation(method, ctx);
			if (!SdkTypes.matchesAny(invocation, SdkTypes.CREATE_SUBSEGMENT) || invocation.getArguments().size() != 2) {
				return invocation;
			}
			Expression work = invocation.getArguments().get(1);
			if (work instanceof J.Lambda lambda) {
				if (!lambda.getParameters().getParameters().isEmpty()
						&& !(lambda.getParameters().getParameters().get(0) instanceof J.Empty)) {
					if (MigrateAnnotationsAndMetadata.Visitor.usesParameters(lambda)) {
						return MigrationTodo.SUBSEGMENTS.mark(invocation,
								"the subsegment passed to this lambda is still used");
					}
					// Consumer<Subsegment> / Function<Subsegment, R> whose parameter is
					// unused
					work = lambda.withParameters(lambda.getParameters()
						.withParenthesized(true)
						.withParameters(List
							.of(new J.Empty(Tree.randomId(), Space.EMPTY, org.openrewrite.marker.Markers.EMPTY))));
				}
			}
			else if (!(work instanceof J.MemberReference)) {
				return invocation;
			}
			maybeAddImport(SdkTypes.XRAY);
			maybeRemoveImport("com.amazonaws.xray.AWSXRay");
			maybeRemoveImport("com.amazonaws.xray.entities.Subsegment");
			return SdkTypes.xrayCall(invocation, "subsegment",
					"String, " + (returnsValue(invocation) ? "Supplier" : "Runnable"),
					List.of(invocation.getArguments().get(0), work));
		}

		private static boolean returnsValue(J.MethodInvocation createSubsegment) {
			JavaType.Method type = createSubsegment.getMethodType();
			return type != null && !TypeUtils.isOfType(type.getReturnType(), JavaType.Primitive.Void);
		}

		@Override
		public J.Block visitBlock(J.Block block, ExecutionContext ctx) {
			J.Block visited = super.visitBlock(block, ctx);
			List<Statement> statements = visited.getStatements();
			List<Statement> result = new ArrayList<>(statements.size());
			boolean changed = false;
			for (int i = 0; i < statements.size(); i++) {
				Statement statement = statements.get(i);
				Begin begin = Begin.of(statement);
				if (begin != null && i + 1 < statements.size() && statements.get(i + 1) instanceof J.Try tryStatement
						&& endsSubsegment(tryStatement, begin)) {
					String problem = problem(tryStatement, begin);
					if (problem != null) {
						result.add(MigrationTodo.SUBSEGMENTS.mark(statement, problem));
						changed = true;
						continue;
					}
					Set<String> thrown = checkedExceptions(tryStatement.getBody());
					if (thrown.size() > 1) {
						result.add(MigrationTodo.SUBSEGMENTS.mark(statement,
								"the subsegment's work throws several checked exceptions " + thrown));
						changed = true;
						continue;
					}
					JavaTemplate template = thrown.isEmpty() ? this.runnable : this.checked;
					J.MethodInvocation replacement = template.apply(new Cursor(getCursor(), tryStatement),
							tryStatement.getCoordinates().replace(), begin.name());
					replacement = withLambdaBody(replacement, tryStatement.getBody());
					doAfterVisit(new KeepPrefix(replacement, statement.getPrefix()));
					result.add(replacement.withPrefix(statement.getPrefix()));
					i++;
					changed = true;
					maybeAddImport(SdkTypes.XRAY);
					maybeRemoveImport("com.amazonaws.xray.AWSXRay");
					maybeRemoveImport("com.amazonaws.xray.entities.Subsegment");
				}
				else {
					result.add(statement);
				}
			}
			return changed ? visited.withStatements(result) : visited;
		}

		private static J.MethodInvocation withLambdaBody(J.MethodInvocation invocation, J.Block body) {
			List<Expression> args = new ArrayList<>(invocation.getArguments());
			J.Lambda lambda = (J.Lambda) args.get(1);
			args.set(1, lambda.withBody(body.withPrefix(Space.SINGLE_SPACE)));
			return invocation.withArguments(args);
		}

		/**
		 * A statement that begins a subsegment, with the variable it is kept in.
		 */
		record Begin(Expression name, @Nullable String variable) {

			static @Nullable Begin of(Statement statement) {
				if (statement instanceof J.MethodInvocation invocation
						&& SdkTypes.matchesAny(invocation, SdkTypes.BEGIN_SUBSEGMENT)) {
					return new Begin(invocation.getArguments().get(0), null);
				}
				if (statement instanceof J.VariableDeclarations declarations
						&& declarations.getVariables().size() == 1) {
					J.VariableDeclarations.NamedVariable variable = declarations.getVariables().get(0);
					Expression initializer = variable.getInitializer();
					if (SdkTypes.matchesAny(initializer, SdkTypes.BEGIN_SUBSEGMENT)) {
						return new Begin(((J.MethodInvocation) initializer).getArguments().get(0),
								variable.getSimpleName());
					}
				}
				return null;
			}

		}

		private static boolean endsSubsegment(J.Try tryStatement, Begin begin) {
			if (tryStatement.getResources() != null && !tryStatement.getResources().isEmpty()) {
				return false;
			}
			J.Block finallyBlock = tryStatement.getFinally();
			if (finallyBlock == null || finallyBlock.getStatements().size() != 1) {
				return false;
			}
			return finallyBlock.getStatements().get(0) instanceof J.MethodInvocation end
					&& SdkTypes.matchesAny(end, SdkTypes.END_SUBSEGMENT);
		}

		/**
		 * Returns why the try block cannot become a lambda, or {@code null}.
		 */
		private static @Nullable String problem(J.Try tryStatement, Begin begin) {
			for (J.Try.Catch handler : tryStatement.getCatches()) {
				if (!recordsAndRethrows(handler)) {
					return "a catch block does more than record and rethrow";
				}
			}
			J.Block body = tryStatement.getBody();
			if (begin.variable() != null
					&& MigrateAnnotationsAndMetadata.Visitor.references(body, List.of(begin.variable()))) {
				return "the subsegment variable '" + begin.variable() + "' is still used";
			}
			AtomicReference<@Nullable String> problem = new AtomicReference<>();
			Set<String> declared = new HashSet<>();
			new JavaIsoVisitor<Integer>() {

				@Override
				public J.VariableDeclarations.NamedVariable visitVariable(J.VariableDeclarations.NamedVariable variable,
						Integer p) {
					declared.add(variable.getSimpleName());
					return super.visitVariable(variable, p);
				}

				@Override
				public J.Return visitReturn(J.Return ret, Integer p) {
					if (!insideNestedCode(getCursor())) {
						problem.compareAndSet(null, "the subsegment's work returns from the method");
					}
					return ret;
				}

				@Override
				public J.Break visitBreak(J.Break jump, Integer p) {
					if (!insideLoopOrSwitch(getCursor())) {
						problem.compareAndSet(null, "the subsegment's work jumps out with break");
					}
					return jump;
				}

				@Override
				public J.Continue visitContinue(J.Continue jump, Integer p) {
					if (!insideLoopOrSwitch(getCursor())) {
						problem.compareAndSet(null, "the subsegment's work jumps out with continue");
					}
					return jump;
				}

				@Override
				public J.Assignment visitAssignment(J.Assignment assignment, Integer p) {
					checkLocal(assignment.getVariable());
					return super.visitAssignment(assignment, p);
				}

				@Override
				public J.AssignmentOperation visitAssignmentOperation(J.AssignmentOperation assignment, Integer p) {
					checkLocal(assignment.getVariable());
					return super.visitAssignmentOperation(assignment, p);
				}

				@Override
				public J.Unary visitUnary(J.Unary unary, Integer p) {
					if (unary.getOperator().isModifying()) {
						checkLocal(unary.getExpression());
					}
					return super.visitUnary(unary, p);
				}

				private void checkLocal(Expression target) {
					if (target instanceof J.Identifier identifier && identifier.getFieldType() != null
							&& identifier.getFieldType().getOwner() instanceof JavaType.Method
							&& !declared.contains(identifier.getSimpleName())) {
						problem.compareAndSet(null, "the subsegment's work assigns the local variable '"
								+ identifier.getSimpleName() + "'");
					}
				}

			}.visit(body, 0, new Cursor(null, Cursor.ROOT_VALUE));
			return problem.get();
		}

		private static boolean insideNestedCode(Cursor cursor) {
			return cursor.firstEnclosing(J.Lambda.class) != null
					|| cursor.firstEnclosing(J.ClassDeclaration.class) != null
					|| cursor.firstEnclosing(J.NewClass.class) != null;
		}

		private static boolean insideLoopOrSwitch(Cursor cursor) {
			return insideNestedCode(cursor) || cursor.firstEnclosing(J.ForLoop.class) != null
					|| cursor.firstEnclosing(J.ForEachLoop.class) != null
					|| cursor.firstEnclosing(J.WhileLoop.class) != null
					|| cursor.firstEnclosing(J.DoWhileLoop.class) != null
					|| cursor.firstEnclosing(J.Switch.class) != null;
		}

		private static boolean recordsAndRethrows(J.Try.Catch handler) {
			List<Statement> statements = handler.getBody().getStatements();
			String name = handler.getParameter().getTree().getVariables().get(0).getSimpleName();
			if (statements.isEmpty() || !(statements.get(statements.size() - 1) instanceof J.Throw rethrow)
					|| !(rethrow.getException() instanceof J.Identifier thrown)
					|| !thrown.getSimpleName().equals(name)) {
				return false;
			}
			for (Statement statement : statements.subList(0, statements.size() - 1)) {
				if (!(statement instanceof J.MethodInvocation invocation
						&& SdkTypes.ADD_EXCEPTION.matches(invocation))) {
					return false;
				}
			}
			return true;
		}

		private static Set<String> checkedExceptions(J.Block body) {
			Set<String> thrown = new LinkedHashSet<>();
			new JavaIsoVisitor<Set<String>>() {

				@Override
				public J.Lambda visitLambda(J.Lambda lambda, Set<String> result) {
					return lambda;
				}

				@Override
				public J.ClassDeclaration visitClassDeclaration(J.ClassDeclaration declaration, Set<String> result) {
					return declaration;
				}

				@Override
				public J.MethodInvocation visitMethodInvocation(J.MethodInvocation invocation, Set<String> result) {
					add(invocation.getMethodType(), result);
					return super.visitMethodInvocation(invocation, result);
				}

				@Override
				public J.NewClass visitNewClass(J.NewClass newClass, Set<String> result) {
					add(newClass.getMethodType(), result);
					return super.visitNewClass(newClass, result);
				}

				@Override
				public J.Throw visitThrow(J.Throw throwStatement, Set<String> result) {
					addIfChecked(throwStatement.getException().getType(), result);
					return super.visitThrow(throwStatement, result);
				}

				private void add(JavaType.@Nullable Method type, Set<String> result) {
					if (type != null) {
						type.getThrownExceptions().forEach((exception) -> addIfChecked(exception, result));
					}
				}

				private void addIfChecked(@Nullable JavaType type, Set<String> result) {
					JavaType.FullyQualified fq = TypeUtils.asFullyQualified(type);
					if (fq != null && !TypeUtils.isAssignableTo("java.lang.RuntimeException", fq)
							&& !TypeUtils.isAssignableTo("java.lang.Error", fq)) {
						result.add(fq.getFullyQualifiedName());
					}
				}

			}.visit(body, thrown);
			return thrown;
		}

	}

}
