// The caption editor's operations (the tools and the keyboard shortcuts), each one undo step. They act
// on the cue being edited (`position`) and on the playhead.
import { addCueAfter, deleteCue, mergeWithNext, moveEdge, splitCue } from './cue-ops.js';

const NUDGE = 0.1;

export function createEditorOps({ history, list, video, t, status, autosave, redraw, commit, position }) {
  const cues = () => history.current().cues;
  const at = () => position.get();
  const playhead = () => (video ? video.currentTime : 0);
  const edge = (which, seconds) => commit(moveEdge(cues(), at(), which, seconds), { rebuild: false });
  const nudge = (which, delta) => edge(which, (cues()[at()]?.[which] ?? 0) + delta);
  const step = (state, message) => {
    if (state) {
      redraw(state.focus);
      autosave.changed();
    }
    status.textContent = message;
  };

  return {
    undo: () => {
      const s = history.undo();
      step(s, s ? t('captions.editor.undone') : t('captions.editor.nothing'));
    },
    redo: () => {
      const s = history.redo();
      step(s, s ? t('captions.editor.redone') : '');
    },
    add: () => commit(addCueAfter(cues(), cues().length ? at() : -1, playhead())),
    delete: () => commit(deleteCue(cues(), at())),
    split: () => commit(splitCue(cues(), at(), list.caret(at()), playhead())),
    merge: () => commit(mergeWithNext(cues(), at())),
    startToPlayhead: () => edge('start', playhead()),
    endToPlayhead: () => edge('end', playhead()),
    startEarlier: () => nudge('start', -NUDGE),
    startLater: () => nudge('start', NUDGE),
    endEarlier: () => nudge('end', -NUDGE),
    endLater: () => nudge('end', NUDGE),
    togglePlay: () => {
      if (!video) return;
      if (video.paused || video.ended) video.play().catch(() => undefined);
      else video.pause();
    },
    move: (delta) => {
      if (cues().length === 0) return;
      position.set(Math.max(0, Math.min(cues().length - 1, at() + delta)));
      list.focus(at());
    },
  };
}
