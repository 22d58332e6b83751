/**
 * Configuration: where the data folder is and how it is laid out ({@link org.chancery.config.DataDir}), and the
 * optional config file a command reads with {@code --config} ({@link org.chancery.config.ConfigFile}). Values are
 * resolved once at start-up and validated with messages that name the key and where its value came from.
 *
 * <p>Precedence, highest first, as each command implements it: a command-line option, then the environment, then
 * the config file, then the built-in default. {@code chancery serve} uses all four ({@code --port}/{@code --bind},
 * then {@code $CHANCERY_PORT}/{@code $CHANCERY_BIND}, then the file's {@code port}, {@code bind} and
 * {@code stop-timeout}, then the defaults); {@code chancery capture} has no option for its secrets, so its
 * environment ({@code $CHANCERY_X_BEARER_TOKEN}, {@code $CHANCERY_X_API_BASE_URL}) overrides the file's
 * {@code bearer-token} and {@code base-url}; the data folder is {@code --data}, then {@code $CHANCERY_DATA}, then
 * {@code ./chancery-data}, never a config file key.
 *
 * <p>Invariants of the config-file layer: a file is a flat mapping of keys to values, {@code .yaml}/{@code .yml}
 * as YAML and any other name as Java {@code .properties} in UTF-8; a key the command does not know is an error
 * naming the key and the file; an unreadable or malformed file is an error naming the file (and, for YAML, the line
 * and column) but never quoting its content, because a config file may hold a bearer token.
 */
package org.chancery.config;
