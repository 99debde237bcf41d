package io.github.xrayspring.migration;

import java.util.ArrayList;
import java.util.List;

import org.openrewrite.java.tree.Comment;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.Space;
import org.openrewrite.java.tree.TextComment;
import org.openrewrite.marker.Markers;

/**
 * The {@code TODO} comments the recipes leave where they cannot rewrite, each naming a
 * section of the migration guide.
 *
 * @author xray-spring-boot-starter team
 */
enum MigrationTodo {

	ANNOTATIONS("annotations-metadata-and-user", "Annotations, metadata and user"),

	SUBSEGMENTS("subsegments", "Subsegments"),

	SERVLET_FILTER("servlet-filter-and-segment-names", "Servlet filter and segment names"),

	XRAY_ENABLED("xrayenabled-and-aspects", "@XRayEnabled and aspects"),

	SQL("sql", "SQL"),

	AWS_SDK("aws-sdk-calls", "AWS SDK calls"),

	SAMPLING("sampling", "Sampling"),

	PLUGINS("plugins", "Plugins"),

	LOGS("segment-listeners-and-log-key", "Segment listeners and the log key"),

	CONTEXT_MISSING("context-missing-strategies", "Context-missing strategies"),

	EMITTERS("emitters", "Emitters"),

	OTHER("feature-map", "Feature map");

	/**
	 * The marker every comment starts with.
	 */
	static final String MARKER = "TODO xray-migration:";

	private final String anchor;

	private final String title;

	MigrationTodo(String anchor, String title) {
		this.anchor = anchor;
		this.title = title;
	}

	String text(String reason) {
		return " " + MARKER + " " + reason + "; see the migration guide, section \"" + this.title
				+ "\" (docs/migration.md#" + this.anchor + ")";
	}

	/**
	 * Returns the section for an SDK type.
	 * @param fullyQualifiedName the SDK type's name
	 * @return the section
	 */
	static MigrationTodo forType(String fullyQualifiedName) {
		String name = fullyQualifiedName.substring(SdkTypes.SDK_PACKAGE.length() + 1);
		if (name.startsWith("entities.")) {
			return ANNOTATIONS;
		}
		if (name.startsWith("strategy.sampling.")) {
			return SAMPLING;
		}
		if (name.startsWith("plugins.")) {
			return PLUGINS;
		}
		if (name.startsWith("emitters.")) {
			return EMITTERS;
		}
		if (name.startsWith("listeners.") || name.startsWith("slf4j.") || name.startsWith("log4j.")) {
			return LOGS;
		}
		if (name.startsWith("strategy.jakarta.") || name.startsWith("strategy.javax.") || name.startsWith("jakarta.")
				|| name.startsWith("javax.")) {
			return SERVLET_FILTER;
		}
		if (name.startsWith("strategy.")) {
			return CONTEXT_MISSING;
		}
		if (name.startsWith("sql.")) {
			return SQL;
		}
		if (name.startsWith("interceptors.") || name.startsWith("handlers.")) {
			return AWS_SDK;
		}
		if (name.startsWith("spring.")) {
			return XRAY_ENABLED;
		}
		if (name.equals("AWSXRay") || name.equals("AWSXRayRecorder")) {
			return SUBSEGMENTS;
		}
		if (name.equals("AWSXRayRecorderBuilder")) {
			return SAMPLING;
		}
		return OTHER;
	}

	static boolean isMarked(J tree) {
		for (Comment comment : tree.getPrefix().getComments()) {
			if (comment instanceof TextComment text && text.getText().contains(MARKER)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Adds this section's comment in front of a tree, once.
	 * @param <T> the tree type
	 * @param tree the tree, normally a statement or declaration on its own line
	 * @param reason what could not be rewritten
	 * @return the tree with the comment
	 */
	<T extends J> T mark(T tree, String reason) {
		if (isMarked(tree)) {
			return tree;
		}
		Space prefix = tree.getPrefix();
		String whitespace = prefix.getWhitespace();
		String suffix = whitespace.contains("\n") ? whitespace.substring(whitespace.lastIndexOf('\n')) : "\n";
		List<Comment> comments = new ArrayList<>();
		comments.add(new TextComment(false, text(reason), suffix, Markers.EMPTY));
		comments.addAll(prefix.getComments());
		return tree.withPrefix(prefix.withComments(comments));
	}

}
