package org.chancery.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.chancery.InvalidInputException;
import org.chancery.api.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chancery tokens create|list|revoke}: API bearer tokens, kept in DATA/tokens as SHA-256 hashes only. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"API bearer tokens. A token is printed once, when created; only its SHA-256 is kept",
            "(DATA/tokens/tokens.json). Roles: staff, archivist, legal, admin (callers without a token are public)."},
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable {
    @ParentCommand
    ChanceryCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.missingSubcommand(spec);
    }

    TokenStore store() {
        return new TokenStore(root.dataDir().root().resolve("tokens"), root.context().clock());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it (once).")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private TokensCommand parent;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "staff, archivist, legal or admin.")
        private String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what holds it (unique).")
        private String name;

        @Option(names = "--expires-in", paramLabel = "DURATION", description = "e.g. P30D or PT12H; default: no expiry.")
        private String expiresIn;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            Duration validFor = null;
            if (expiresIn != null) {
                try {
                    validFor = Duration.parse(expiresIn);
                } catch (DateTimeParseException e) {
                    throw new ParameterException(spec.commandLine(), "--expires-in must be an ISO-8601 duration such"
                            + " as P30D, got \"" + expiresIn + "\".");
                }
                // A token that is born expired can never be used: that is a mistyped duration, not a wish.
                if (validFor.isZero() || validFor.isNegative()) {
                    throw new ParameterException(spec.commandLine(), "--expires-in must be a positive duration such"
                            + " as P30D or PT12H, got \"" + expiresIn + "\".");
                }
            }
            org.chancery.retention.ViewerRole r;
            try {
                r = TokenStore.role(role);
            } catch (InvalidInputException e) {
                throw new ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            if (r == org.chancery.retention.ViewerRole.PUBLIC) {
                throw new ParameterException(spec.commandLine(), "--role public needs no token: callers without a"
                        + " token are public.");
            }
            String token = parent.store().create(name, r, validFor);
            parent.root.context().out().println(token);
            parent.root.context().err().println("Token \"" + name + "\" (" + r.wireName()
                    + ") created; it is shown only now. Send it as: Authorization: Bearer <token>");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (names, roles, dates; never the tokens).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        private TokensCommand parent;

        @Override
        public Integer call() {
            var out = parent.root.context().out();
            var now = parent.root.context().clock().instant();
            for (TokenStore.Entry e : parent.store().list()) {
                String state = e.revokedAt() != null ? "revoked " + e.revokedAt()
                        : e.validAt(now) ? "valid" + (e.expiresAt() == null ? "" : " until " + e.expiresAt())
                        : "expired " + e.expiresAt();
                out.println(e.name() + "  " + e.role().wireName() + "  created " + e.createdAt() + "  " + state);
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by name; a running server refuses it from its next request.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        private TokensCommand parent;

        @Parameters(paramLabel = "NAME", description = "The token's name.")
        private String name;

        @Override
        public Integer call() {
            TokenStore.Entry e = parent.store().revoke(name);
            parent.root.context().out().println("Revoked token \"" + e.name() + "\" at " + e.revokedAt() + ".");
            return 0;
        }
    }
}
