package dk.gennemsyn.caseintake;

import dk.gennemsyn.testsupport.ApiTest;

/** Base for case-intake's tests. */
public abstract class IntakeTest extends ApiTest {

    @Override
    protected String service() {
        return "case-intake";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.caseintake.v1";
    }
}
