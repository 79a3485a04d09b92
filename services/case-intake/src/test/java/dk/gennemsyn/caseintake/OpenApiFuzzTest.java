package dk.gennemsyn.caseintake;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Every operation of case-intake's OpenAPI document refuses malformed input with a 4xx, never a 5xx. */
@MicronautTest(transactional = false)
class OpenApiFuzzTest extends dk.gennemsyn.testsupport.OpenApiFuzzTest {

    @Override
    protected String service() {
        return "case-intake";
    }

    @Override
    protected String prefix() {
        return "/intake";
    }
}
