package dev.conch.editor.automation;

import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.AutomationEvent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The lane's gestures on a timeline, checked against the events they must make (no window). */
class LaneEditsTest {
    static final List<AutomationEvent> LINE = List.of(AutomationEvent.set(1, 2), AutomationEvent.linear(5, 10),
            AutomationEvent.curve(List.of(2.0, 8.0, 4.0), 12, 6));

    @Test
    void aCurveHasAPointPerValueEvenlySpreadOverItsDuration() {
        List<LaneEdits.Point> points = LaneEdits.points(LINE);
        assertEquals(5, points.size());
        assertEquals(new LaneEdits.Point(2, 1, 15, 8), points.get(3), "the middle value halfway through 12..18 s");
        assertEquals(new LaneEdits.Point(2, 2, 18, 4), points.get(4));
    }

    @Test
    void draggingACurvesPointsMovesItStretchesItOrReshapesIt() {
        List<LaneEdits.Point> p = LaneEdits.points(LINE);
        AutomationEvent moved = LaneEdits.move(LINE, p.get(2), 13, 3).get(2);
        assertEquals(new AutomationEvent(Kind.VALUE_CURVE, 13, 0, 0, 6, List.of(3.0, 8.0, 4.0), null), moved,
                "the first point moves the whole curve in time and sets its first value");
        AutomationEvent stretched = LaneEdits.move(LINE, p.get(4), 21, 7).get(2);
        assertEquals(9, stretched.duration(), 1e-12, "the last point stretches it to 21 s");
        assertEquals(List.of(2.0, 8.0, 7.0), stretched.values());
        AutomationEvent reshaped = LaneEdits.move(LINE, p.get(3), 99, 0.5).get(2);
        assertEquals(12, reshaped.time());
        assertEquals(6, reshaped.duration(), "a middle point changes only its value");
        assertEquals(List.of(2.0, 0.5, 4.0), reshaped.values());
    }

    @Test
    void aPointDraggedPastAnotherKeepsTheTimelineInTimeOrder() {
        List<AutomationEvent> after = LaneEdits.move(LINE, LaneEdits.points(LINE).get(0), 11, 1);
        assertEquals(List.of(10.0, 11.0, 12.0), after.stream().map(AutomationEvent::time).toList());
        assertEquals(Kind.SET_VALUE, after.get(1).kind());
        assertEquals(0, LaneEdits.move(LINE, LaneEdits.points(LINE).get(1), -3, 5).get(0).time(), "never before 0 s");
    }

    @Test
    void retypingKeepsTimeAndValueAndATargetGetsAThirdOfTheWayToTheNextEvent() {
        List<AutomationEvent> t = LaneEdits.retype(LINE, 0, Kind.SET_TARGET, 0, 30);
        assertEquals(AutomationEvent.target(1, 2, 8 / 3.0), t.get(0));
        assertEquals(AutomationEvent.exponential(5, 10), LaneEdits.retype(LINE, 1, Kind.EXPONENTIAL_RAMP, 0, 30).get(1));
        assertSame(LINE, LaneEdits.retype(LINE, 1, Kind.LINEAR_RAMP, 0, 30), "the same type: no change");
        // a curve made from the linear ramp ending at 10 s spans 10..12 s, the timeline as it was: 5 held, then at
        // 12 s the next curve's first value
        AutomationEvent c = LaneEdits.retype(LINE, 1, Kind.VALUE_CURVE, 0, 30).get(1);
        assertEquals(10, c.time());
        assertEquals(2, c.duration(), 1e-12);
        assertEquals(List.of(5.0, 5.0, 5.0, 5.0, 2.0), c.values());
        assertEquals(List.of(LINE.get(0), LINE.get(2)), LaneEdits.delete(LINE, 1));
    }
}
