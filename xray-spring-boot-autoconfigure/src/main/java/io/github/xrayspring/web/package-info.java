/**
 * The HTTP edge: observation conventions that give server and client spans the
 * semantic-convention keys X-Ray reads. The conventions are public so that an application
 * can extend them; everything else at the edge is in {@code web.internal}.
 */
@NullMarked
package io.github.xrayspring.web;

import org.jspecify.annotations.NullMarked;
