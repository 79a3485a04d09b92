package dk.gennemsyn.assessment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Every operation of assessment's OpenAPI document refuses malformed input with a 4xx, never a 5xx. */
@MicronautTest(transactional = false)
class OpenApiFuzzTest extends dk.gennemsyn.testsupport.OpenApiFuzzTest {

    @Override
    protected String service() {
        return "assessment";
    }

    @Override
    protected String prefix() {
        return "/assessment";
    }
}
