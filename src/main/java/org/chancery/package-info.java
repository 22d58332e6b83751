/**
 * Chancery, the record office for official tweets. This root package holds only the exception family
 * shared by every other package; the work is done in the domain packages below it.
 */
package org.chancery;
