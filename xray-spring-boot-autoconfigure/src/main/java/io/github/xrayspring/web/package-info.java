/**
 * HTTP observation conventions that give server and client spans the semantic-convention
 * keys X-Ray reads.
 */
@NullMarked
package io.github.xrayspring.web;

import org.jspecify.annotations.NullMarked;
