import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { openApiDocument, type DocumentedRoute } from '../shared/http/openapi.js';
import type { RouteEntry } from '../shared/http/route-entry.js';
import { writeWebApp } from '../web/build.js';
import { contentSecurityPolicy, HSTS_SECONDS } from '../web/security-headers.js';
import type { AppConfig } from '../web/src/app-config.js';

/**
 * CloudFront path patterns that send a request to the API: one per first path segment of the route table (a route
 * that is the bare segment, like `/accounts`, gets its exact pattern too). Everything else is the web app.
 */
export function apiPathPatterns(routes: readonly RouteEntry[]): string[] {
  const patterns = new Set<string>();
  for (const route of routes) {
    const segments = route.path.split('/').filter(Boolean);
    if (segments.length === 1) patterns.add(`/${segments[0]}`);
    else patterns.add(`/${segments[0]}/*`);
  }
  return [...patterns].sort();
}

/** What the app reads from /config.json in AWS: where Cognito's managed login is, for the code + PKCE flow. */
export interface WebAppSignIn {
  /** The user pool domain's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  signInBaseUrl: string;
  clientId: string;
  /** The ops CLI's client (`npm run ops -- login` reads it from config.json). */
  opsClientId?: string;
}

export interface WebAppProps {
  api: HttpApi;
  /** The sign-in domain the browser exchanges its code at: allowed by the CSP's connect-src and form-action. */
  signInBaseUrl: string;
  routes: readonly RouteEntry[];
}

/**
 * The customers' web app in AWS: built assets in a private S3 bucket, read only by CloudFront through origin access
 * control; the API's paths routed by the same distribution to the HTTP API (uncached, every viewer header but Host
 * passed on, so the app calls it same-origin with its token); security headers on every answer.
 */
export class WebApp extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'JOI Energy web app: CSP, HSTS and friends',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.signInBaseUrl), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const apiBehavior: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Answers are per caller: never cached. API Gateway must see its own Host, and the caller's Authorization.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'JOI Energy: web app and API, one origin',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.routes).map((pattern) => [pattern, apiBehavior])),
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Customers may travel; the API checks every caller, so there is no country to block.' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'WAF is billed per rule and request; the API has stage throttling and an authorizer on every route. Attach a web ACL when abuse is seen.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: "Every API request is already in API Gateway's access log; the static assets carry no customer data. Enable standard logging when traffic analysis is needed.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate cannot pin a minimum TLS version; with a custom domain set minimumProtocolVersion TLS_V1_2_2021.',
      },
    );
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only the public build of the web app, written by the stack and read only by CloudFront (OAC); its reads show in CloudFront metrics.',
    });
  }

  /**
   * Deploys the built app, its config.json and the API's OpenAPI document (`/openapi.json`, naming this URL as its
   * server), then invalidates the distribution so the new build is served at once. index.html, config.json and the
   * document must be revalidated; the content-hashed assets can be cached for good.
   */
  deploy(signIn: WebAppSignIn, routes: readonly DocumentedRoute[]): void {
    const built = writeWebApp();
    const config: AppConfig = {
      mode: 'sign-in',
      authorizeUrl: `${signIn.signInBaseUrl}/oauth2/authorize`,
      tokenUrl: `${signIn.signInBaseUrl}/oauth2/token`,
      logoutUrl: `${signIn.signInBaseUrl}/logout`,
      clientId: signIn.clientId,
      ...(signIn.opsClientId && { opsClientId: signIn.opsClientId }),
    };
    // The content-hashed assets first, cached for good (a new build has new names); kept after later deploys, so a
    // browser still holding the previous index.html finds the assets it names.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(built)],
      exclude: ['*'],
      include: ['assets/*'],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      prune: false,
      memoryLimit: DEPLOYMENT_MEMORY_MB,
    });
    // Then what names them, revalidated on every load: index.html, config.json and the API's document.
    const pages = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(built), Source.jsonData('config.json', config), Source.jsonData('openapi.json', openApiDocument(routes, { serverUrl: this.url.replace(/\/$/, '') }))],
      exclude: ['assets/*'],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [CacheControl.noCache()],
      prune: false,
      memoryLimit: DEPLOYMENT_MEMORY_MB,
    });
    pages.node.addDependency(assets);
    const handler = Stack.of(this).node.tryFindChild(`Custom::CDKBucketDeployment${BUCKET_DEPLOYMENT_UUID}${DEPLOYMENT_MEMORY_MB}MiB`);
    for (const target of [assets, pages, handler].filter((c): c is Construct => c !== undefined)) {
      Validations.of(target).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's deployment Lambda: the managed policy only lets it write its own logs.",
        },
        ...deploymentWildcards(Stack.of(this), this.bucket).map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: "CDK's deployment Lambda copies the build: it reads the CDK asset bucket's objects, writes and prunes this bucket's, and invalidates the distribution, so its grants are the s3 families of those two buckets and CloudFront's invalidation calls.",
        })),
        { id: 'AwsSolutions-L1', reason: "CDK's deployment Lambda: its runtime is chosen by the CDK version, updated with it." },
      );
    }
  }
}

const DEPLOYMENT_MEMORY_MB = 256;

/**
 * The wildcard grants CDK's BucketDeployment role carries, as cdk-nag names them (each is acknowledged by name). The
 * asset bucket's name holds the account and region: tokens in an environment-agnostic stack, the real values when
 * `cdk deploy` runs with credentials (CDK_DEFAULT_ACCOUNT/REGION), so both spellings are derived here.
 */
function deploymentWildcards(stack: Stack, bucket: Bucket): string[] {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnBucket);
  return [
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => `Action::${action}`),
    `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*`,
    `Resource::<${bucketId}.Arn>/*`,
    'Resource::*',
  ];
}
/** The id BucketDeployment gives its singleton handler (aws-s3-deployment), followed by its memory size. */
const BUCKET_DEPLOYMENT_UUID = '8693BB64968944B69AAFB0CC9EB8756C';
