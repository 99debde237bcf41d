package io.github.xrayspring.migration;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.ExecutionContext;
import org.openrewrite.ScanningRecipe;
import org.openrewrite.SourceFile;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.Statement;
import org.openrewrite.java.tree.TypeUtils;
import org.openrewrite.properties.AddProperty;
import org.openrewrite.properties.PropertiesParser;
import org.openrewrite.properties.tree.Properties;
import org.openrewrite.yaml.MergeYaml;
import org.openrewrite.yaml.tree.Yaml;

/**
 * Moves the SDK's sampling setup into the application's configuration: an
 * {@code AWSXRayRecorderBuilder} with a {@code LocalizedSamplingStrategy} on a classpath
 * rules file becomes {@code xray.sampling.rules-file}, a
 * {@code CentralizedSamplingStrategy} becomes {@code xray.sampling.remote.enabled}. The
 * recorder setup is removed when everything in it has a starter equivalent (plugins, the
 * built-in context-missing strategies, the SLF4J and Log4j segment listeners); otherwise
 * it is left for the marker recipe.
 *
 * @author xray-spring-boot-starter team
 */
public class MigrateSamplingStrategy extends ScanningRecipe<MigrateSamplingStrategy.Accumulator> {

	private static final String LOCALIZED = "com.amazonaws.xray.strategy.sampling.LocalizedSamplingStrategy";

	private static final String CENTRALIZED = "com.amazonaws.xray.strategy.sampling.CentralizedSamplingStrategy";

	private static final String BUILDER = "com.amazonaws.xray.AWSXRayRecorderBuilder";

	private static final String RECORDER = "com.amazonaws.xray.AWSXRayRecorder";

	private static final Set<String> KNOWN_BUILDER_METHODS = Set.of("standard", "withPlugin", "withDefaultPlugins",
			"withSamplingStrategy", "withSegmentListener", "withContextMissingStrategy", "withFastIdGenerator",
			"withSecureIdGenerator", "withStreamingStrategy", "build", "setGlobalRecorder", "getResource");

	@Override
	public String getDisplayName() {
		return "X-Ray SDK sampling strategy to `xray.sampling.*` properties";
	}

	@Override
	public String getDescription() {
		return "Turns `LocalizedSamplingStrategy` rules files into `xray.sampling.rules-file` and "
				+ "`CentralizedSamplingStrategy` into `xray.sampling.remote.enabled`, and removes the recorder setup.";
	}

	/**
	 * What the scan found.
	 */
	public static final class Accumulator {

		@Nullable String rulesFile;

		boolean centralized;

		@Nullable Path resources;

		final Map<Path, Boolean> configFiles = new LinkedHashMap<>();

		Map<String, String> properties() {
			Map<String, String> properties = new LinkedHashMap<>();
			if (this.rulesFile != null) {
				properties.put("xray.sampling.rules-file", this.rulesFile);
			}
			if (this.centralized) {
				properties.put("xray.sampling.remote.enabled", "true");
			}
			return properties;
		}

		/**
		 * The file that receives the properties: a YAML file if there is one, else a
		 * properties file.
		 */
		@Nullable Path target() {
			for (Map.Entry<Path, Boolean> entry : this.configFiles.entrySet()) {
				if (entry.getValue()) {
					return entry.getKey();
				}
			}
			return this.configFiles.isEmpty() ? null : this.configFiles.keySet().iterator().next();
		}

	}

	@Override
	public Accumulator getInitialValue(ExecutionContext ctx) {
		return new Accumulator();
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getScanner(Accumulator acc) {
		return new TreeVisitor<Tree, ExecutionContext>() {

			@Override
			public @Nullable Tree visit(@Nullable Tree tree, ExecutionContext ctx) {
				if (tree instanceof SourceFile source) {
					Path path = source.getSourcePath();
					String name = path.getFileName().toString();
					boolean main = !path.toString().replace('\\', '/').contains("src/test/");
					if (main && name.matches("application\\.(properties|ya?ml)")) {
						acc.configFiles.put(path, !name.endsWith(".properties"));
					}
					if (tree instanceof J.CompilationUnit unit) {
						scanJava(unit, acc);
					}
				}
				return tree;
			}

		};
	}

	private static void scanJava(J.CompilationUnit unit, Accumulator acc) {
		new JavaIsoVisitor<Accumulator>() {

			@Override
			public J.NewClass visitNewClass(J.NewClass newClass, Accumulator found) {
				boolean localized = TypeUtils.isOfClassType(newClass.getType(), LOCALIZED);
				boolean centralized = TypeUtils.isOfClassType(newClass.getType(), CENTRALIZED);
				if ((localized || centralized) && newClass.getArguments().size() == 1
						&& !(newClass.getArguments().get(0) instanceof J.Empty)) {
					String file = classpathLocation(newClass.getArguments().get(0), getCursor(), unit);
					if (file != null) {
						found.rulesFile = file;
						found.resources = resourcesOf(unit.getSourcePath());
					}
				}
				if (centralized) {
					found.centralized = true;
					found.resources = resourcesOf(unit.getSourcePath());
				}
				return super.visitNewClass(newClass, found);
			}

		}.visit(unit, acc);
	}

	private static Path resourcesOf(Path javaSource) {
		String path = javaSource.toString().replace('\\', '/');
		int index = path.indexOf("src/main/java/");
		return Paths.get((index >= 0) ? path.substring(0, index) + "src/main/resources" : "src/main/resources");
	}

	/**
	 * Returns {@code classpath:<path>} for {@code X.class.getResource("/path")},
	 * {@code classLoader.getResource("path")} or a local variable set to one of those.
	 */
	static @Nullable String classpathLocation(Expression argument, Cursor cursor, J.CompilationUnit unit) {
		Expression resolved = argument;
		if (argument instanceof J.Identifier identifier) {
			resolved = initializerOf(identifier, cursor);
		}
		if (resolved instanceof J.MethodInvocation invocation && invocation.getSimpleName().equals("getResource")
				&& invocation.getArguments().size() == 1
				&& invocation.getArguments().get(0) instanceof J.Literal literal
				&& literal.getValue() instanceof String path) {
			boolean classRelative = invocation.getMethodType() != null
					&& TypeUtils.isOfClassType(invocation.getMethodType().getDeclaringType(), "java.lang.Class");
			if (path.startsWith("/")) {
				return "classpath:" + path.substring(1);
			}
			if (classRelative && unit.getPackageDeclaration() != null) {
				return "classpath:" + unit.getPackageDeclaration().getPackageName().replace('.', '/') + "/" + path;
			}
			return "classpath:" + path;
		}
		return null;
	}

	private static @Nullable Expression initializerOf(J.Identifier identifier, Cursor cursor) {
		J.Block block = cursor.firstEnclosing(J.Block.class);
		if (block == null) {
			return null;
		}
		for (Statement statement : block.getStatements()) {
			if (statement instanceof J.VariableDeclarations declarations) {
				for (J.VariableDeclarations.NamedVariable variable : declarations.getVariables()) {
					if (variable.getSimpleName().equals(identifier.getSimpleName())) {
						return variable.getInitializer();
					}
				}
			}
		}
		return null;
	}

	@Override
	public Collection<? extends SourceFile> generate(Accumulator acc, ExecutionContext ctx) {
		Map<String, String> properties = acc.properties();
		if (properties.isEmpty() || acc.target() != null) {
			return List.of();
		}
		StringBuilder text = new StringBuilder();
		properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		Path resources = (acc.resources != null) ? acc.resources : Paths.get("src/main/resources");
		List<SourceFile> generated = new ArrayList<>();
		PropertiesParser.builder()
			.build()
			.parse(ctx, text.toString())
			.forEach((file) -> generated.add(file.withSourcePath(resources.resolve("application.properties"))));
		return generated;
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor(Accumulator acc) {
		return new TreeVisitor<Tree, ExecutionContext>() {

			@Override
			public @Nullable Tree visit(@Nullable Tree tree, ExecutionContext ctx) {
				Map<String, String> properties = acc.properties();
				if (tree instanceof J.CompilationUnit unit) {
					return properties.isEmpty() ? unit : new RecorderSetupRemover().visit(unit, ctx);
				}
				if (tree instanceof SourceFile source && !properties.isEmpty()
						&& source.getSourcePath().equals(acc.target())) {
					return addProperties(source, properties, ctx);
				}
				return tree;
			}

		};
	}

	private static @Nullable Tree addProperties(SourceFile source, Map<String, String> properties,
			ExecutionContext ctx) {
		Tree result = source;
		if (source instanceof Properties.File) {
			for (Map.Entry<String, String> property : properties.entrySet()) {
				result = new AddProperty(property.getKey(), property.getValue(), null, null, null, null, null)
					.getVisitor()
					.visit(result, ctx);
			}
		}
		else if (source instanceof Yaml.Documents) {
			StringBuilder yaml = new StringBuilder("xray:\n  sampling:\n");
			String rulesFile = properties.get("xray.sampling.rules-file");
			if (rulesFile != null) {
				yaml.append("    rules-file: ").append(rulesFile).append('\n');
			}
			if (properties.containsKey("xray.sampling.remote.enabled")) {
				yaml.append("    remote:\n      enabled: true\n");
			}
			result = new MergeYaml("$", yaml.toString(), false, null, null, null, null, true).getVisitor()
				.visit(result, ctx);
		}
		return result;
	}

	/**
	 * Removes the statements of a block that only set up the SDK recorder, when all of
	 * them have a starter equivalent, and static initializers left empty.
	 */
	static final class RecorderSetupRemover extends JavaIsoVisitor<ExecutionContext> {

		@Override
		public J.Block visitBlock(J.Block block, ExecutionContext ctx) {
			J.Block visited = super.visitBlock(block, ctx);
			List<Statement> setup = new ArrayList<>();
			for (Statement statement : visited.getStatements()) {
				if (isRecorderSetup(statement, visited)) {
					setup.add(statement);
				}
			}
			if (!setup.isEmpty() && setup.stream().allMatch(RecorderSetupRemover::isKnown)) {
				visited = visited.withStatements(
						visited.getStatements().stream().filter((statement) -> !setup.contains(statement)).toList());
				maybeRemoveImport(BUILDER);
				maybeRemoveImport(RECORDER);
				maybeRemoveImport("com.amazonaws.xray.AWSXRay");
				maybeRemoveImport(LOCALIZED);
				maybeRemoveImport(CENTRALIZED);
				maybeRemoveImport("java.net.URL");
				for (String plugin : List.of("EC2Plugin", "ECSPlugin", "EKSPlugin", "ElasticBeanstalkPlugin")) {
					maybeRemoveImport("com.amazonaws.xray.plugins." + plugin);
				}
				maybeRemoveImport("com.amazonaws.xray.slf4j.SLF4JSegmentListener");
				maybeRemoveImport("com.amazonaws.xray.log4j.Log4JSegmentListener");
			}
			List<Statement> kept = visited.getStatements()
				.stream()
				.filter((statement) -> !(statement instanceof J.Block inner && inner.isStatic()
						&& inner.getStatements().isEmpty()))
				.toList();
			return (kept.size() == visited.getStatements().size()) ? visited : visited.withStatements(kept);
		}

		private static boolean isRecorderSetup(Statement statement, J.Block block) {
			if (statement instanceof J.VariableDeclarations declarations) {
				if (TypeUtils.isOfClassType(declarations.getType(), BUILDER)
						|| TypeUtils.isOfClassType(declarations.getType(), RECORDER)) {
					return true;
				}
				return TypeUtils.isOfClassType(declarations.getType(), "java.net.URL")
						&& declarations.getVariables().size() == 1
						&& usedOnlyByStrategy(declarations.getVariables().get(0).getSimpleName(), block);
			}
			return statement instanceof J.MethodInvocation invocation && involvesRecorder(invocation);
		}

		private static boolean involvesRecorder(J.MethodInvocation invocation) {
			AtomicBoolean found = new AtomicBoolean();
			new JavaIsoVisitor<AtomicBoolean>() {

				@Override
				public J.MethodInvocation visitMethodInvocation(J.MethodInvocation method, AtomicBoolean result) {
					if (method.getMethodType() != null
							&& (TypeUtils.isOfClassType(method.getMethodType().getDeclaringType(), BUILDER)
									|| (TypeUtils.isOfClassType(method.getMethodType().getDeclaringType(),
											"com.amazonaws.xray.AWSXRay")
											&& method.getSimpleName().equals("setGlobalRecorder")))) {
						result.set(true);
					}
					return super.visitMethodInvocation(method, result);
				}

			}.visit(invocation, found);
			return found.get();
		}

		private static boolean usedOnlyByStrategy(String name, J.Block block) {
			AtomicBoolean elsewhere = new AtomicBoolean();
			AtomicBoolean byStrategy = new AtomicBoolean();
			new JavaIsoVisitor<Integer>() {

				@Override
				public J.Identifier visitIdentifier(J.Identifier identifier, Integer p) {
					if (identifier.getSimpleName().equals(name) && identifier.getFieldType() != null) {
						J.NewClass owner = getCursor().firstEnclosing(J.NewClass.class);
						if (owner != null && (TypeUtils.isOfClassType(owner.getType(), LOCALIZED)
								|| TypeUtils.isOfClassType(owner.getType(), CENTRALIZED))) {
							byStrategy.set(true);
						}
						else if (getCursor().firstEnclosing(J.VariableDeclarations.NamedVariable.class) == null) {
							elsewhere.set(true);
						}
					}
					return identifier;
				}

			}.visit(block, 0);
			return byStrategy.get() && !elsewhere.get();
		}

		/**
		 * Whether every SDK call in a setup statement has a starter equivalent.
		 */
		private static boolean isKnown(Statement statement) {
			AtomicBoolean unknown = new AtomicBoolean();
			new JavaIsoVisitor<AtomicBoolean>() {

				@Override
				public J.MethodInvocation visitMethodInvocation(J.MethodInvocation method, AtomicBoolean result) {
					if (method.getMethodType() != null && SdkTypes.isSdkType(method.getMethodType().getDeclaringType())
							&& !KNOWN_BUILDER_METHODS.contains(method.getSimpleName())) {
						result.set(true);
					}
					return super.visitMethodInvocation(method, result);
				}

				@Override
				public J.NewClass visitNewClass(J.NewClass newClass, AtomicBoolean result) {
					String type = (TypeUtils.asFullyQualified(newClass.getType()) != null)
							? TypeUtils.asFullyQualified(newClass.getType()).getFullyQualifiedName() : "";
					if (!type.startsWith("com.amazonaws.xray.plugins.") && !type.equals(LOCALIZED)
							&& !type.equals(CENTRALIZED) && !type.startsWith("com.amazonaws.xray.strategy.")
							&& !type.equals("com.amazonaws.xray.slf4j.SLF4JSegmentListener")
							&& !type.equals("com.amazonaws.xray.log4j.Log4JSegmentListener")) {
						result.set(true);
					}
					return super.visitNewClass(newClass, result);
				}

			}.visit(statement, unknown);
			return !unknown.get();
		}

	}

}
