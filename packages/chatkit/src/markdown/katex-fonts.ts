// The KaTeX fonts (woff2 only: every browser this client supports reads it), bundled as files.

import font_KaTeX_AMS_Regular from 'katex/dist/fonts/KaTeX_AMS-Regular.woff2';
import font_KaTeX_Caligraphic_Bold from 'katex/dist/fonts/KaTeX_Caligraphic-Bold.woff2';
import font_KaTeX_Caligraphic_Regular from 'katex/dist/fonts/KaTeX_Caligraphic-Regular.woff2';
import font_KaTeX_Fraktur_Bold from 'katex/dist/fonts/KaTeX_Fraktur-Bold.woff2';
import font_KaTeX_Fraktur_Regular from 'katex/dist/fonts/KaTeX_Fraktur-Regular.woff2';
import font_KaTeX_Main_Bold from 'katex/dist/fonts/KaTeX_Main-Bold.woff2';
import font_KaTeX_Main_BoldItalic from 'katex/dist/fonts/KaTeX_Main-BoldItalic.woff2';
import font_KaTeX_Main_Italic from 'katex/dist/fonts/KaTeX_Main-Italic.woff2';
import font_KaTeX_Main_Regular from 'katex/dist/fonts/KaTeX_Main-Regular.woff2';
import font_KaTeX_Math_BoldItalic from 'katex/dist/fonts/KaTeX_Math-BoldItalic.woff2';
import font_KaTeX_Math_Italic from 'katex/dist/fonts/KaTeX_Math-Italic.woff2';
import font_KaTeX_SansSerif_Bold from 'katex/dist/fonts/KaTeX_SansSerif-Bold.woff2';
import font_KaTeX_SansSerif_Italic from 'katex/dist/fonts/KaTeX_SansSerif-Italic.woff2';
import font_KaTeX_SansSerif_Regular from 'katex/dist/fonts/KaTeX_SansSerif-Regular.woff2';
import font_KaTeX_Script_Regular from 'katex/dist/fonts/KaTeX_Script-Regular.woff2';
import font_KaTeX_Size1_Regular from 'katex/dist/fonts/KaTeX_Size1-Regular.woff2';
import font_KaTeX_Size2_Regular from 'katex/dist/fonts/KaTeX_Size2-Regular.woff2';
import font_KaTeX_Size3_Regular from 'katex/dist/fonts/KaTeX_Size3-Regular.woff2';
import font_KaTeX_Size4_Regular from 'katex/dist/fonts/KaTeX_Size4-Regular.woff2';
import font_KaTeX_Typewriter_Regular from 'katex/dist/fonts/KaTeX_Typewriter-Regular.woff2';

/** Font file name (without extension) → URL relative to this chunk. */
export const KATEX_FONTS: Readonly<Record<string, string>> = {
  'KaTeX_AMS-Regular': font_KaTeX_AMS_Regular,
  'KaTeX_Caligraphic-Bold': font_KaTeX_Caligraphic_Bold,
  'KaTeX_Caligraphic-Regular': font_KaTeX_Caligraphic_Regular,
  'KaTeX_Fraktur-Bold': font_KaTeX_Fraktur_Bold,
  'KaTeX_Fraktur-Regular': font_KaTeX_Fraktur_Regular,
  'KaTeX_Main-Bold': font_KaTeX_Main_Bold,
  'KaTeX_Main-BoldItalic': font_KaTeX_Main_BoldItalic,
  'KaTeX_Main-Italic': font_KaTeX_Main_Italic,
  'KaTeX_Main-Regular': font_KaTeX_Main_Regular,
  'KaTeX_Math-BoldItalic': font_KaTeX_Math_BoldItalic,
  'KaTeX_Math-Italic': font_KaTeX_Math_Italic,
  'KaTeX_SansSerif-Bold': font_KaTeX_SansSerif_Bold,
  'KaTeX_SansSerif-Italic': font_KaTeX_SansSerif_Italic,
  'KaTeX_SansSerif-Regular': font_KaTeX_SansSerif_Regular,
  'KaTeX_Script-Regular': font_KaTeX_Script_Regular,
  'KaTeX_Size1-Regular': font_KaTeX_Size1_Regular,
  'KaTeX_Size2-Regular': font_KaTeX_Size2_Regular,
  'KaTeX_Size3-Regular': font_KaTeX_Size3_Regular,
  'KaTeX_Size4-Regular': font_KaTeX_Size4_Regular,
  'KaTeX_Typewriter-Regular': font_KaTeX_Typewriter_Regular,
};
