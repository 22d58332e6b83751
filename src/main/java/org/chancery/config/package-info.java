/**
 * Configuration: where the data folder is and how it is laid out. Values are resolved once at start-up
 * (command-line option, then environment, then default) and validated with messages that name the key.
 */
package org.chancery.config;
