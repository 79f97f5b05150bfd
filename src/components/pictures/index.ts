import type { PictureId } from '../../content-model/pictures.ts';
import ChatScaleChart from './ChatScaleChart.astro';
import DeferredTracks from './DeferredTracks.astro';
import FiveSystemsTimeline from './FiveSystemsTimeline.astro';
import HubSwitching from './HubSwitching.astro';
import LongPoll from './LongPoll.astro';
import LoopTurning from './LoopTurning.astro';
import NodeStack from './NodeStack.astro';
import PatchAll from './PatchAll.astro';
import Stall from './Stall.astro';
import StallChart from './StallChart.astro';
import ThreadsOrLoop from './ThreadsOrLoop.astro';

/** The component that draws each picture of src/content-model/pictures.ts. */
export const PICTURE_COMPONENTS: Record<PictureId, (props: Record<string, never>) => unknown> = {
  'threads-or-loop': ThreadsOrLoop,
  'loop-turning': LoopTurning,
  'deferred-tracks': DeferredTracks,
  'hub-switching': HubSwitching,
  'patch-all': PatchAll,
  'node-stack': NodeStack,
  'long-poll': LongPoll,
  stall: Stall,
  'five-systems-timeline': FiveSystemsTimeline,
  'chat-scale-chart': ChatScaleChart,
  'stall-chart': StallChart,
};
