/**
 * Chancery, the record office for official tweets. This root package holds only what every other package shares:
 * the exception family and {@link org.chancery.ForcedWrites}, the one way small files are written and forced to
 * disk; the work is done in the domain packages below it.
 */
package org.chancery;
