package dk.gennemsyn.assessment;

import com.google.protobuf.Message;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.TestEvents;

import java.util.UUID;

/** Base for assessment's tests: the API, a spy on its events, and case-intake's events sent in. */
public abstract class AssessmentTest extends ApiTest {

    @Override
    protected String service() {
        return "assessment";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.assessment.v1";
    }

    /** Sends an event as case-intake would (copies > 1: the same event delivered again). Returns its id. */
    protected String send(String tenant, String aggregateId, Message event, int copies) {
        String id = UUID.randomUUID().toString();
        TestEvents.publish(getProperties(), copies, TestEvents.envelope(tenant, id, aggregateId, event));
        return id;
    }
}
