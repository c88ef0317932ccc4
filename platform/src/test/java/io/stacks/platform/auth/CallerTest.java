package io.stacks.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static Caller callerWith(TestToken token) {
        Caller caller = new Caller();
        caller.token = token;
        return caller;
    }

    private static Caller withGroups(String... groups) {
        return callerWith(TestToken.of("u-1", Set.of("stacks-api"), Set.of(groups)));
    }

    @Test
    void isIdentifiedByTheTokenSubject() {
        assertEquals("u-1", withGroups("member").id());
    }

    @Test
    void isNamedByTheTokenName() {
        Caller caller = callerWith(TestToken.of("u-1", Set.of("stacks-api"), Set.of("member")).with("upn", "ada"));
        assertEquals("ada", caller.username());
    }

    @Test
    void isStaffWithTheStaffGroup() {
        assertTrue(withGroups("member", "staff").isStaff());
    }

    @Test
    void isStaffWithTheAdminGroup() {
        assertTrue(withGroups("admin").isStaff());
    }

    @Test
    void isNotStaffAsAMember() {
        assertFalse(withGroups("member").isStaff());
    }

    @Test
    void mayChangeWhatItCreated() {
        assertTrue(withGroups("member").mayChange("u-1"));
    }

    @Test
    void mayNotChangeWhatAnotherMemberCreated() {
        assertFalse(withGroups("member").mayChange("u-2"));
    }

    @Test
    void mayChangeAnythingAsStaff() {
        assertTrue(withGroups("staff").mayChange("u-2"));
        assertTrue(withGroups("admin").mayChange("u-2"));
    }

    @Test
    void passesTheRawTokenOnAsABearer() {
        Caller caller = callerWith(TestToken.of("u-1", Set.of("stacks-api"), Set.of("member"))
                .with("raw_token", "eyJ.abc.def"));
        assertEquals("Bearer eyJ.abc.def", caller.bearer());
    }
}
