package io.github.xrayspring.migration;

import java.util.UUID;

import org.openrewrite.ExecutionContext;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.Space;

/**
 * Puts back the original whitespace in front of a rewritten tree after the formatter that
 * {@code JavaTemplate} schedules has run: templates reindent with a detected style, which
 * may differ from the file's own.
 *
 * @author xray-spring-boot-starter team
 */
final class KeepPrefix extends JavaIsoVisitor<ExecutionContext> {

	private final UUID id;

	private final Space prefix;

	KeepPrefix(J tree, Space prefix) {
		this.id = tree.getId();
		this.prefix = prefix;
	}

	@Override
	public J preVisit(J tree, ExecutionContext ctx) {
		if (tree.getId().equals(this.id)) {
			stopAfterPreVisit();
			return tree.withPrefix(this.prefix);
		}
		return tree;
	}

}
