import type {
  ResponseOutputRefusal,
  ResponseOutputText,
} from 'openai/resources/responses/responses';
import type { Annotation, AssistantMessageContent } from '../protocol/content.js';

type FileCitation = ResponseOutputText.FileCitation;
type ContainerFileCitation = ResponseOutputText.ContainerFileCitation;
type URLCitation = ResponseOutputText.URLCitation;

/** Options of {@link ResponseStreamConverter}. */
export interface ResponseStreamConverterOptions {
  /** How many partial images the image tool is asked for; normalizes their progress to 0..1. */
  partialImages?: number | undefined;
}

/**
 * How `streamAgentResponse` turns Responses output into ChatKit values (chatkit-python
 * `ResponseStreamConverter`, §9.2). Subclass it to store generated images somewhere and return
 * real URLs, or to map citations to your own sources.
 */
export class ResponseStreamConverter {
  partialImages: number | undefined;

  constructor(options: ResponseStreamConverterOptions = {}) {
    this.partialImages = options.partialImages;
  }

  /**
   * The URL stored on a generated image item; default a `data:image/png;base64,…` URL.
   * `imageId` is stable across the partial images of one generation.
   */
  async base64ImageToUrl(
    imageId: string,
    base64Image: string,
    partialImageIndex?: number,
  ): Promise<string> {
    void imageId;
    void partialImageIndex;
    return `data:image/png;base64,${base64Image}`;
  }

  /** Progress (0..1) of a partial image; 0 when `partialImages` is unset. */
  partialImageIndexToProgress(partialImageIndex: number): number {
    if (this.partialImages === undefined || this.partialImages <= 0) return 0;
    return Math.min(1, partialImageIndex / this.partialImages);
  }

  /** A file citation as a file source at `index`; null (dropped) without a filename. */
  async fileCitationToAnnotation(citation: FileCitation): Promise<Annotation | null> {
    if (!citation.filename) return null;
    return {
      type: 'annotation',
      source: { type: 'file', filename: citation.filename, title: citation.filename },
      index: citation.index,
    };
  }

  /** A container file citation as a file source at its `end_index`; null without a filename. */
  async containerFileCitationToAnnotation(
    citation: ContainerFileCitation,
  ): Promise<Annotation | null> {
    if (!citation.filename) return null;
    return {
      type: 'annotation',
      source: { type: 'file', filename: citation.filename, title: citation.filename },
      index: citation.end_index,
    };
  }

  /** A URL citation as a URL source at its `end_index`. */
  async urlCitationToAnnotation(citation: URLCitation): Promise<Annotation | null> {
    return {
      type: 'annotation',
      source: { type: 'url', url: citation.url, title: citation.title },
      index: citation.end_index,
    };
  }
}

/** A Responses annotation as a ChatKit annotation; other kinds (`file_path`) are dropped. */
export async function convertAnnotation(
  raw: ResponseOutputText['annotations'][number],
  converter: ResponseStreamConverter,
): Promise<Annotation | null> {
  switch (raw.type) {
    case 'file_citation':
      return converter.fileCitationToAnnotation(raw);
    case 'url_citation':
      return converter.urlCitationToAnnotation(raw);
    case 'container_file_citation':
      return converter.containerFileCitationToAnnotation(raw);
    case 'file_path':
      return null;
    default:
      return null;
  }
}

/** A Responses message part as ChatKit content: text with converted annotations, or the refusal text. */
export async function convertContent(
  part: ResponseOutputText | ResponseOutputRefusal,
  converter: ResponseStreamConverter,
): Promise<AssistantMessageContent> {
  if (part.type !== 'output_text')
    return { type: 'output_text', text: part.refusal, annotations: [] };
  const annotations: Annotation[] = [];
  for (const raw of part.annotations ?? []) {
    const annotation = await convertAnnotation(raw, converter);
    if (annotation) annotations.push(annotation);
  }
  return { type: 'output_text', text: part.text, annotations };
}
