package dk.gennemsyn.recommendations;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Every operation of recommendations's OpenAPI document refuses malformed input with a 4xx, never a 5xx. */
@MicronautTest(transactional = false)
class OpenApiFuzzTest extends dk.gennemsyn.testsupport.OpenApiFuzzTest {

    @Override
    protected String service() {
        return "recommendations";
    }

    @Override
    protected String prefix() {
        return "/recommendations";
    }
}
