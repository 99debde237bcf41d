package io.github.xrayspring.migration;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.Statement;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Marks every statement or declaration that still uses the X-Ray SDK after the other
 * recipes with a {@code TODO xray-migration} comment naming the guide's section, so that
 * nothing is dropped silently. Imports are left to the compiler.
 *
 * @author xray-spring-boot-starter team
 */
public class MarkRemainingSdkUsages extends Recipe {

	@Override
	public String getDisplayName() {
		return "Mark what the X-Ray SDK migration could not rewrite";
	}

	@Override
	public String getDescription() {
		return "Adds a `TODO xray-migration` comment, naming the migration guide's section, in front of every "
				+ "statement or declaration that still uses `com.amazonaws.xray` types.";
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor() {
		return Preconditions.check(new UsesType<>("com.amazonaws.xray..*", true), new JavaIsoVisitor<>() {

			@Override
			public J.CompilationUnit visitCompilationUnit(J.CompilationUnit unit, ExecutionContext ctx) {
				Map<UUID, String> found = new HashMap<>();
				new Finder(found).visit(unit, ctx);
				if (found.isEmpty()) {
					return unit;
				}
				return (J.CompilationUnit) new JavaIsoVisitor<ExecutionContext>() {

					@Override
					public @Nullable J postVisit(J tree, ExecutionContext p) {
						String type = (tree instanceof Statement) ? found.get(tree.getId()) : null;
						if (type != null) {
							String name = type.substring(type.lastIndexOf('.') + 1);
							return MigrationTodo.forType(type).mark(tree, name + " has no automatic rewrite");
						}
						return tree;
					}

				}.visitNonNull(unit, ctx);
			}

		});
	}

	/**
	 * Finds the statements (in blocks and class bodies) that use an SDK type, outermost
	 * per use, innermost statement kept.
	 */
	static final class Finder extends JavaIsoVisitor<ExecutionContext> {

		private final Map<UUID, String> found;

		Finder(Map<UUID, String> found) {
			this.found = found;
		}

		@Override
		public J.Import visitImport(J.Import anImport, ExecutionContext ctx) {
			return anImport;
		}

		@Override
		public J.Identifier visitIdentifier(J.Identifier identifier, ExecutionContext ctx) {
			record(identifier.getType());
			if (identifier.getFieldType() != null) {
				record(identifier.getFieldType().getType());
			}
			return identifier;
		}

		@Override
		public J.MethodInvocation visitMethodInvocation(J.MethodInvocation method, ExecutionContext ctx) {
			if (method.getMethodType() != null) {
				record(method.getMethodType().getDeclaringType());
			}
			return super.visitMethodInvocation(method, ctx);
		}

		private void record(@Nullable JavaType type) {
			if (!SdkTypes.isSdkType(type)) {
				return;
			}
			Statement statement = enclosingStatement(getCursor());
			if (statement != null) {
				this.found.putIfAbsent(statement.getId(), TypeUtils.asFullyQualified(type).getFullyQualifiedName());
			}
		}

		private static @Nullable Statement enclosingStatement(Cursor cursor) {
			Statement candidate = null;
			for (Cursor c = cursor; c != null; c = c.getParent()) {
				if (c.getValue() instanceof J.Block && candidate != null) {
					return candidate;
				}
				if (c.getValue() instanceof Statement statement && !(c.getValue() instanceof J.Block)) {
					candidate = statement;
				}
			}
			return candidate;
		}

	}

}
