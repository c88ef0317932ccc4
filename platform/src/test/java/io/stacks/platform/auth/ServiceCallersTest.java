package io.stacks.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.security.Permission;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class ServiceCallersTest {

    private static SecurityIdentity identity(JsonWebToken token) {
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRoles(token.getGroups()).build();
    }

    private final ServiceCallers bookService = new ServiceCallers("book-service", TestAuthConfig.withoutSecret());

    private SecurityIdentity augmented(SecurityIdentity identity) {
        return bookService.augment(identity, null).await().indefinitely();
    }

    private static boolean holds(SecurityIdentity identity, Permission permission) {
        return identity.checkPermission(permission).await().indefinitely();
    }

    private static final StringPermission FROM_BOOK_SERVICE = new StringPermission("internal", "book-service");
    private static final StringPermission FROM_USER_SERVICE = new StringPermission("internal", "user-service");

    @Test
    void namesTheCallingServiceOfAServiceTokenForThisService() {
        SecurityIdentity userService = identity(TestToken.of("user-service", Set.of("book-service"), Set.of("service")));
        assertEquals("user-service", bookService.callerService(userService));
    }

    @Test
    void grantsAServiceTokenForThisServiceTheInternalPermissionOfItsCaller() {
        SecurityIdentity caller = augmented(identity(TestToken.of("book-service", Set.of("book-service"), Set.of("service"))));
        assertTrue(holds(caller, FROM_BOOK_SERVICE));
    }

    @Test
    void grantsNoInternalPermissionOfAnotherCaller() {
        SecurityIdentity caller = augmented(identity(TestToken.of("book-service", Set.of("book-service"), Set.of("service"))));
        assertFalse(holds(caller, FROM_USER_SERVICE));
    }

    @Test
    void matchesTheConstantsEndpointsAskFor() {
        assertEquals("internal:book-service", ServiceCallers.FROM_BOOK_SERVICE);
        assertEquals("internal:user-service", ServiceCallers.FROM_USER_SERVICE);
        assertEquals("internal:image-service", ServiceCallers.FROM_IMAGE_SERVICE);
    }

    @Test
    void keepsThePrincipalAndRolesOfAnAugmentedIdentity() {
        TestToken token = TestToken.of("user-service", Set.of("book-service"), Set.of("service"));
        SecurityIdentity caller = augmented(identity(token));
        assertSame(token, caller.getPrincipal());
        assertEquals(Set.of("service"), caller.getRoles());
        assertFalse(caller.isAnonymous());
    }

    @Test
    void acceptsAServiceTokenWithSeveralAudiencesIncludingThisService() {
        SecurityIdentity caller = identity(TestToken.of("image-service", Set.of("user-service", "book-service"),
                Set.of("service")));
        assertEquals("image-service", bookService.callerService(caller));
    }

    @Test
    void ignoresAServiceTokenForAnotherService() {
        SecurityIdentity forUserService = identity(TestToken.of("image-service", Set.of("user-service"), Set.of("service")));
        assertNull(bookService.callerService(forUserService));
        SecurityIdentity augmented = augmented(forUserService);
        assertSame(forUserService, augmented);
        assertFalse(holds(augmented, new StringPermission("internal", "image-service")));
    }

    @Test
    void ignoresAUserToken() {
        SecurityIdentity member = identity(TestToken.of("u-123", Set.of("stacks-api"), Set.of("member")));
        assertNull(bookService.callerService(member));
        assertFalse(holds(augmented(member), new StringPermission("internal", "u-123")));
    }

    @Test
    void ignoresATokenForThisServiceWithoutTheServiceGroup() {
        SecurityIdentity admin = identity(TestToken.of("u-1", Set.of("book-service"), Set.of("admin", "staff", "member")));
        assertNull(bookService.callerService(admin));
        assertSame(admin, augmented(admin));
    }

    @Test
    void ignoresAServiceTokenThatIsAlsoForThePublicApi() {
        SecurityIdentity both = identity(TestToken.of("user-service", Set.of("book-service", "stacks-api"),
                Set.of("service")));
        assertNull(bookService.callerService(both));
        assertFalse(holds(augmented(both), new StringPermission("internal", "user-service")));
    }

    @Test
    void ignoresATokenWithoutAudience() {
        SecurityIdentity noAudience = identity(TestToken.of("user-service", null, Set.of("service")));
        assertNull(bookService.callerService(noAudience));
    }

    @Test
    void ignoresAVerifiedTokenForThisServiceWithoutGroups() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user-service");
        claims.setAudience(List.of("book-service"));
        DefaultJWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(claims);
        SecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(principal).build();
        assertNull(bookService.callerService(identity));
    }

    @Test
    void namesTheCallerOfAVerifiedServiceToken() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user-service");
        claims.setAudience(List.of("book-service"));
        claims.setStringListClaim("groups", "service");
        SecurityIdentity identity = identity(new DefaultJWTCallerPrincipal(claims));
        assertEquals("user-service", bookService.callerService(identity));
    }

    @Test
    void leavesAnAnonymousIdentityUnchanged() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertNull(bookService.callerService(anonymous));
        assertSame(anonymous, augmented(anonymous));
    }

    @Test
    void leavesAnIdentityWithoutTokenUnchanged() {
        SecurityIdentity basic = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("book-service"))
                .addRole("service").build();
        assertNull(bookService.callerService(basic));
        assertSame(basic, augmented(basic));
    }
}
