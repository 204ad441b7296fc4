"""The sentences a moderator reads after acting: each built once, in messages and api.shapes."""
from moderation import messages
from moderation.api.shapes import bulk_decisions


def bulk_answer(results, action):
    changed = sum(1 for r in results if r.outcome and r.outcome.changed)
    return bulk_decisions(results, messages.bulk_done(action, changed, len(results) - changed))


def undo_answer(outcomes):
    """The undo of one decision or of a whole batch, as one answer."""
    done = [o.comment for o in outcomes if o.changed]
    if done:
        message = messages.undone(done)
    else:
        message = messages.not_undone(outcomes[0].note)
    return message
