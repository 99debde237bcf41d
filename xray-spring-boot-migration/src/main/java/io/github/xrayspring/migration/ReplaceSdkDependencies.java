package io.github.xrayspring.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Option;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.maven.MavenIsoVisitor;
import org.openrewrite.xml.tree.Content;
import org.openrewrite.xml.tree.Xml;

/**
 * Replaces the {@code com.amazonaws:aws-xray-recorder-sdk-*} dependencies of a Maven POM
 * with one {@code io.github.xrayspring:xray-spring-boot-starter}, and removes the SDK's
 * BOM import. It edits the POM's XML only and does not resolve the starter's POM, so it
 * works before the starter is in any repository the build can reach (a SNAPSHOT, an
 * offline build).
 *
 * @author xray-spring-boot-starter team
 */
public class ReplaceSdkDependencies extends Recipe {

	static final String SDK_GROUP = "com.amazonaws";

	static final String SDK_ARTIFACT_PREFIX = "aws-xray-recorder-sdk-";

	static final String SDK_BOM = "aws-xray-recorder-sdk-bom";

	static final String STARTER_GROUP = "io.github.xrayspring";

	static final String STARTER_ARTIFACT = "xray-spring-boot-starter";

	@Option(displayName = "Starter version", description = "The version of xray-spring-boot-starter to depend on.",
			example = "0.1.0")
	private final String starterVersion;

	/**
	 * Creates the recipe.
	 * @param starterVersion the version of the starter to depend on
	 */
	@JsonCreator
	public ReplaceSdkDependencies(@JsonProperty("starterVersion") String starterVersion) {
		this.starterVersion = starterVersion;
	}

	public String getStarterVersion() {
		return this.starterVersion;
	}

	@Override
	public String getDisplayName() {
		return "Replace the X-Ray SDK dependencies with xray-spring-boot-starter";
	}

	@Override
	public String getDescription() {
		return "Replaces the `com.amazonaws:aws-xray-recorder-sdk-*` dependencies with one "
				+ "`io.github.xrayspring:xray-spring-boot-starter` and removes the SDK's BOM import.";
	}

	@Override
	public TreeVisitor<?, ExecutionContext> getVisitor() {
		return new Visitor(this.starterVersion);
	}

	static final class Visitor extends MavenIsoVisitor<ExecutionContext> {

		private final String starterVersion;

		private boolean starterManaged;

		Visitor(String starterVersion) {
			this.starterVersion = starterVersion;
		}

		@Override
		public Xml.Document visitDocument(Xml.Document document, ExecutionContext ctx) {
			// a managed SDK artifact becomes the managed starter, so the dependencies
			// that used it keep omitting the version
			Xml.Tag root = document.getRoot();
			this.starterManaged = root.getChild("dependencyManagement")
				.flatMap((management) -> management.getChild("dependencies"))
				.map((dependencies) -> dependencies.getChildren("dependency")
					.stream()
					.anyMatch((dependency) -> isSdk(dependency) && !isBom(dependency) || isStarter(dependency)))
				.orElse(false);
			return super.visitDocument(document, ctx);
		}

		@Override
		public Xml.@Nullable Tag visitTag(Xml.Tag tag, ExecutionContext ctx) {
			Xml.Tag visited = super.visitTag(tag, ctx);
			if ("dependencyManagement".equals(visited.getName()) && visited != tag && isEmpty(visited)) {
				// a dependencyManagement that only imported the SDK's BOM goes
				return null;
			}
			if (!"dependencies".equals(visited.getName())
					|| visited.getChildren("dependency").stream().noneMatch(Visitor::isSdk)) {
				return visited;
			}
			boolean managed = getCursor().getParentTreeCursor().getValue() instanceof Xml.Tag parent
					&& "dependencyManagement".equals(parent.getName());
			boolean hasStarter = visited.getChildren("dependency").stream().anyMatch(Visitor::isStarter);
			String scope = widestScope(visited.getChildren("dependency"));
			List<Content> content = new ArrayList<>();
			for (Content child : visited.getContent()) {
				if (child instanceof Xml.Tag dependency && isSdk(dependency)) {
					if (!hasStarter && !isBom(dependency)) {
						content.add(starter(dependency, managed, scope));
						hasStarter = true;
					}
					// the others and the BOM import go, with the whitespace in front of
					// them
					continue;
				}
				content.add(child);
			}
			return visited.withContent(content);
		}

		private Xml.Tag starter(Xml.Tag sdkDependency, boolean managed, String scope) {
			List<Content> content = new ArrayList<>();
			for (Content child : sdkDependency.getContent()) {
				if (child instanceof Xml.Tag tag) {
					switch (tag.getName()) {
						case "groupId" -> content.add(tag.withValue(STARTER_GROUP));
						case "artifactId" -> {
							content.add(tag.withValue(STARTER_ARTIFACT));
							if (sdkDependency.getChild("version").isEmpty() && (managed || !this.starterManaged)) {
								content.add(Xml.Tag.build("<version>" + this.starterVersion + "</version>")
									.withPrefix(tag.getPrefix()));
							}
						}
						case "version" -> {
							if (managed || !this.starterManaged) {
								content.add(tag.withValue(this.starterVersion));
							}
						}
						case "scope" -> {
							if (!scope.equals("compile")) {
								content.add(tag.withValue(scope));
							}
						}
						// the SDK's exclusions, type and classifier do not apply to the
						// starter
						case "exclusions", "type", "classifier", "optional" -> {
						}
						default -> content.add(tag);
					}
				}
				else {
					content.add(child);
				}
			}
			return sdkDependency.withContent(content);
		}

		private static boolean isEmpty(Xml.Tag dependencyManagement) {
			List<Xml.Tag> children = dependencyManagement.getChildren();
			return children.size() == 1 && children.get(0).getName().equals("dependencies")
					&& children.get(0).getChildren().isEmpty();
		}

		private static String widestScope(List<Xml.Tag> dependencies) {
			List<String> order = List.of("compile", "runtime", "provided", "test");
			int widest = order.size() - 1;
			for (Xml.Tag dependency : dependencies) {
				if (isSdk(dependency) && !isBom(dependency)) {
					int index = order.indexOf(dependency.getChildValue("scope").orElse("compile"));
					widest = Math.min(widest, (index >= 0) ? index : 0);
				}
			}
			return order.get(widest);
		}

		private static boolean isSdk(Xml.Tag dependency) {
			return SDK_GROUP.equals(value(dependency, "groupId"))
					&& value(dependency, "artifactId").startsWith(SDK_ARTIFACT_PREFIX);
		}

		private static boolean isBom(Xml.Tag dependency) {
			return SDK_BOM.equals(value(dependency, "artifactId"));
		}

		private static boolean isStarter(Xml.Tag dependency) {
			return STARTER_GROUP.equals(value(dependency, "groupId"))
					&& STARTER_ARTIFACT.equals(value(dependency, "artifactId"));
		}

		private static String value(Xml.Tag tag, String child) {
			Optional<String> value = tag.getChildValue(child);
			return value.map(String::trim).orElse("");
		}

	}

}
