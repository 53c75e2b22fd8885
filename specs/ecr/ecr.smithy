$version: "2.0"

// Amazon ECR (Elastic Container Registry, API version 2015-09-21), the 17 operations of the
// registry and image data plane. Written by hand for apigen; shapes, constraints, errors and
// documentation follow the ECR model shipped in botocore 1.42.97 (service-2.json and
// paginators-1.json) and the ECR API reference pages in the project seeds.
//
// Wire protocol: AWS JSON 1.1 (`POST /`, `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>`,
// `Content-Type: application/x-amz-json-1.1`), signed with SigV4 (signing name `ecr`).

namespace com.amazonaws.ecr

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsJson1_1

/// Amazon Elastic Container Registry (Amazon ECR) is a managed container image registry service.
/// Customers can use the familiar Docker CLI, or their preferred client, to push, pull, and manage
/// images. Amazon ECR provides a secure, scalable, and reliable registry for your Docker or Open
/// Container Initiative (OCI) images. Amazon ECR supports private repositories with resource-based
/// permissions using IAM so that specific users or Amazon EC2 instances can access repositories and
/// images.
///
/// Amazon ECR has service endpoints in each supported Region. For more information, see [Amazon ECR
/// endpoints](https://docs.aws.amazon.com/general/latest/gr/ecr.html) in the Amazon Web Services
/// General Reference.
@awsJson1_1
@sigv4(name: "ecr")
@service(
    sdkId: "ECR"
    arnNamespace: "ecr"
    endpointPrefix: "api.ecr"
    cloudFormationName: "ECR"
    cloudTrailEventSource: "ecr.amazonaws.com"
)
@title("Amazon EC2 Container Registry")
service AmazonEC2ContainerRegistry_V20150921 {
    version: "2015-09-21"
    operations: [
        BatchCheckLayerAvailability
        BatchDeleteImage
        BatchGetImage
        CompleteLayerUpload
        CreateRepository
        DeleteRepository
        DeleteRepositoryPolicy
        DescribeImages
        DescribeRepositories
        ListImages
        InitiateLayerUpload
        UploadLayerPart
        PutImage
        GetDownloadUrlForLayer
        GetAuthorizationToken
        SetRepositoryPolicy
        GetRepositoryPolicy
    ]
}

// -------------------------------------------------------------------------------------------------
// BatchCheckLayerAvailability
// -------------------------------------------------------------------------------------------------

/// Checks the availability of one or more image layers in a repository.
///
/// When an image is pushed to a repository, each image layer is checked to verify if it has been
/// uploaded before. If it has been uploaded, then the image layer is skipped.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
@readonly
operation BatchCheckLayerAvailability {
    input: BatchCheckLayerAvailabilityRequest
    output: BatchCheckLayerAvailabilityResponse
    errors: [
        RepositoryNotFoundException
        InvalidParameterException
        ServerException
    ]
}

/// Input of `BatchCheckLayerAvailability`: the repository and the digests of the image layers whose
/// availability to check.
@input
structure BatchCheckLayerAvailabilityRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the image
    /// layers to check. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository that is associated with the image layers to check.
    @required
    repositoryName: RepositoryName

    /// The digests of the image layers to check.
    @required
    layerDigests: BatchedOperationLayerDigestList
}

/// Output of `BatchCheckLayerAvailability`: the layers that were found and the digests that could
/// not be checked.
@output
structure BatchCheckLayerAvailabilityResponse {
    /// A list of image layer objects corresponding to the image layer references in the request.
    layers: LayerList

    /// Any failures associated with the call.
    failures: LayerFailureList
}

// -------------------------------------------------------------------------------------------------
// BatchDeleteImage
// -------------------------------------------------------------------------------------------------

/// Deletes a list of specified images within a repository. Images are specified with either an
/// `imageTag` or `imageDigest`.
///
/// You can remove a tag from an image by specifying the image's tag in your request. When you
/// remove the last tag from an image, the image is deleted from your repository.
///
/// You can completely delete an image (and all of its tags) by specifying the image's digest in
/// your request.
operation BatchDeleteImage {
    input: BatchDeleteImageRequest
    output: BatchDeleteImageResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
    ]
}

/// Deletes specified images within a specified repository. Images are specified with either the
/// `imageTag` or `imageDigest`.
@input
structure BatchDeleteImageRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the image to
    /// delete. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The repository that contains the image to delete.
    @required
    repositoryName: RepositoryName

    /// A list of image ID references that correspond to images to delete. The format of the
    /// `imageIds` reference is `imageTag=tag` or `imageDigest=digest`.
    @required
    imageIds: ImageIdentifierList
}

/// Output of `BatchDeleteImage`: the image IDs that were deleted and the per-image failures.
@output
structure BatchDeleteImageResponse {
    /// The image IDs of the deleted images.
    imageIds: ImageIdentifierList

    /// Any failures associated with the call.
    failures: ImageFailureList
}

// -------------------------------------------------------------------------------------------------
// BatchGetImage
// -------------------------------------------------------------------------------------------------

/// Gets detailed information for an image. Images are specified with either an `imageTag` or
/// `imageDigest`.
///
/// When an image is pulled, the BatchGetImage API is called once to retrieve the image manifest.
@readonly
operation BatchGetImage {
    input: BatchGetImageRequest
    output: BatchGetImageResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        LimitExceededException
        UnableToGetUpstreamImageException
    ]
}

/// Input of `BatchGetImage`: the repository, the images to get (by tag or digest) and the manifest
/// media types the caller accepts.
@input
structure BatchGetImageRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the images to
    /// describe. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The repository that contains the images to describe.
    @required
    repositoryName: RepositoryName

    /// A list of image ID references that correspond to images to describe. The format of the
    /// `imageIds` reference is `imageTag=tag` or `imageDigest=digest`.
    @required
    imageIds: ImageIdentifierList

    /// The accepted media types for the request.
    ///
    /// Valid values: `application/vnd.docker.distribution.manifest.v1+json` |
    /// `application/vnd.docker.distribution.manifest.v2+json` |
    /// `application/vnd.oci.image.manifest.v1+json`
    acceptedMediaTypes: MediaTypeList
}

/// Output of `BatchGetImage`: the images found (with their manifests) and the per-image failures.
@output
structure BatchGetImageResponse {
    /// A list of image objects corresponding to the image references in the request.
    images: ImageList

    /// Any failures associated with the call.
    failures: ImageFailureList
}

// -------------------------------------------------------------------------------------------------
// CompleteLayerUpload
// -------------------------------------------------------------------------------------------------

/// Informs Amazon ECR that the image layer upload has completed for a specified registry,
/// repository name, and upload ID. You can optionally provide a `sha256` digest of the image layer
/// for data validation purposes.
///
/// When an image is pushed, the CompleteLayerUpload API is called once per each new image layer to
/// verify that the upload has completed.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
operation CompleteLayerUpload {
    input: CompleteLayerUploadRequest
    output: CompleteLayerUploadResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        UploadNotFoundException
        InvalidLayerException
        LayerPartTooSmallException
        LayerAlreadyExistsException
        EmptyUploadException
        KmsException
    ]
}

/// Input of `CompleteLayerUpload`: the upload to complete and the digest of the finished layer.
@input
structure CompleteLayerUploadRequest {
    /// The Amazon Web Services account ID associated with the registry to which to upload layers.
    /// If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository to associate with the image layer.
    @required
    repositoryName: RepositoryName

    /// The upload ID from a previous `InitiateLayerUpload` operation to associate with the image
    /// layer.
    @required
    uploadId: UploadId

    /// The `sha256` digest of the image layer.
    @required
    layerDigests: LayerDigestList
}

/// Output of `CompleteLayerUpload`: the registry, repository, upload ID and digest of the completed
/// layer.
@output
structure CompleteLayerUploadResponse {
    /// The registry ID associated with the request.
    registryId: RegistryId

    /// The repository name associated with the request.
    repositoryName: RepositoryName

    /// The upload ID associated with the layer.
    uploadId: UploadId

    /// The `sha256` digest of the image layer.
    layerDigest: LayerDigest
}

// -------------------------------------------------------------------------------------------------
// CreateRepository
// -------------------------------------------------------------------------------------------------

/// Creates a repository. For more information, see [Amazon ECR
/// repositories](https://docs.aws.amazon.com/AmazonECR/latest/userguide/Repositories.html) in the
/// Amazon Elastic Container Registry User Guide.
operation CreateRepository {
    input: CreateRepositoryRequest
    output: CreateRepositoryResponse
    errors: [
        ServerException
        InvalidParameterException
        InvalidTagParameterException
        TooManyTagsException
        RepositoryAlreadyExistsException
        LimitExceededException
        KmsException
    ]
}

/// Input of `CreateRepository`: the name of the new repository and its optional settings (tags, tag
/// mutability, scanning and encryption).
@input
structure CreateRepositoryRequest {
    /// The Amazon Web Services account ID associated with the registry to create the repository. If
    /// you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name to use for the repository. The repository name may be specified on its own (such as
    /// `nginx-web-app`) or it can be prepended with a namespace to group the repository into a
    /// category (such as `project-a/nginx-web-app`).
    ///
    /// The repository name must start with a letter and can only contain lowercase letters,
    /// numbers, hyphens, underscores, and forward slashes.
    @required
    repositoryName: RepositoryName

    /// The metadata that you apply to the repository to help you categorize and organize them. Each
    /// tag consists of a key and an optional value, both of which you define. Tag keys can have a
    /// maximum character length of 128 characters, and tag values can have a maximum length of 256
    /// characters.
    tags: TagList

    /// The tag mutability setting for the repository. If this parameter is omitted, the default
    /// setting of `MUTABLE` will be used which will allow image tags to be overwritten. If
    /// `IMMUTABLE` is specified, all image tags within the repository will be immutable which will
    /// prevent them from being overwritten.
    imageTagMutability: ImageTagMutability

    /// A list of filters that specify which image tags should be excluded from the repository's
    /// image tag mutability setting.
    imageTagMutabilityExclusionFilters: ImageTagMutabilityExclusionFilters

    /// Important: The `imageScanningConfiguration` parameter is being deprecated, in favor of
    /// specifying the image scanning configuration at the registry level. For more information, see
    /// `PutRegistryScanningConfiguration`.
    ///
    /// The image scanning configuration for the repository. This determines whether images are
    /// scanned for known vulnerabilities after being pushed to the repository.
    imageScanningConfiguration: ImageScanningConfiguration

    /// The encryption configuration for the repository. This determines how the contents of your
    /// repository are encrypted at rest.
    encryptionConfiguration: EncryptionConfiguration
}

/// Output of `CreateRepository`: the repository that was created.
@output
structure CreateRepositoryResponse {
    /// The repository that was created.
    repository: Repository
}

// -------------------------------------------------------------------------------------------------
// DeleteRepository
// -------------------------------------------------------------------------------------------------

/// Deletes a repository. If the repository isn't empty, you must either delete the contents of the
/// repository or use the `force` option to delete the repository and have Amazon ECR delete all of
/// its contents on your behalf.
operation DeleteRepository {
    input: DeleteRepositoryRequest
    output: DeleteRepositoryResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        RepositoryNotEmptyException
        KmsException
    ]
}

/// Input of `DeleteRepository`: the repository to delete and whether to force the deletion of its
/// contents.
@input
structure DeleteRepositoryRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the repository
    /// to delete. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository to delete.
    @required
    repositoryName: RepositoryName

    /// If true, deleting the repository force deletes the contents of the repository. If false, the
    /// repository must be empty before attempting to delete it.
    force: ForceFlag
}

/// Output of `DeleteRepository`: the repository that was deleted.
@output
structure DeleteRepositoryResponse {
    /// The repository that was deleted.
    repository: Repository
}

// -------------------------------------------------------------------------------------------------
// DeleteRepositoryPolicy
// -------------------------------------------------------------------------------------------------

/// Deletes the repository policy associated with the specified repository.
operation DeleteRepositoryPolicy {
    input: DeleteRepositoryPolicyRequest
    output: DeleteRepositoryPolicyResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        RepositoryPolicyNotFoundException
    ]
}

/// Input of `DeleteRepositoryPolicy`: the repository whose policy to delete.
@input
structure DeleteRepositoryPolicyRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the repository
    /// policy to delete. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository that is associated with the repository policy to delete.
    @required
    repositoryName: RepositoryName
}

/// Output of `DeleteRepositoryPolicy`: the registry, repository and the policy text that was
/// deleted.
@output
structure DeleteRepositoryPolicyResponse {
    /// The registry ID associated with the request.
    registryId: RegistryId

    /// The repository name associated with the request.
    repositoryName: RepositoryName

    /// The JSON repository policy that was deleted from the repository.
    policyText: RepositoryPolicyText
}

// -------------------------------------------------------------------------------------------------
// DescribeImages
// -------------------------------------------------------------------------------------------------

/// Returns metadata about the images in a repository.
///
/// Note: Starting with Docker version 1.9, the Docker client compresses image layers before pushing
/// them to a V2 Docker registry. The output of the `docker images` command shows the uncompressed
/// image size. Therefore, Docker might return a larger image than the image shown in the Amazon Web
/// Services Management Console.
///
/// Important: The new version of Amazon ECR Basic Scanning doesn't use the
/// `ImageDetail$imageScanFindingsSummary` and `ImageDetail$imageScanStatus` attributes from the API
/// response to return scan results. Use the `DescribeImageScanFindings` API instead. For more
/// information about Amazon Web Services native basic scanning, see [Scan images for software
/// vulnerabilities in Amazon
/// ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html).
@readonly
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    items: "imageDetails"
    pageSize: "maxResults"
)
operation DescribeImages {
    input: DescribeImagesRequest
    output: DescribeImagesResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        ImageNotFoundException
    ]
}

/// Input of `DescribeImages`: the repository, optionally the images to describe or a filter, and
/// the pagination controls.
@input
structure DescribeImagesRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the repository
    /// in which to describe images. If you do not specify a registry, the default registry is
    /// assumed.
    registryId: RegistryId

    /// The repository that contains the images to describe.
    @required
    repositoryName: RepositoryName

    /// The list of image IDs for the requested repository.
    imageIds: ImageIdentifierList

    /// The `nextToken` value returned from a previous paginated `DescribeImages` request where
    /// `maxResults` was used and the results exceeded the value of that parameter. Pagination
    /// continues from the end of the previous results that returned the `nextToken` value. This
    /// value is `null` when there are no more results to return. This option cannot be used when
    /// you specify images with `imageIds`.
    nextToken: NextToken

    /// The maximum number of repository results returned by `DescribeImages` in paginated output.
    /// When this parameter is used, `DescribeImages` only returns `maxResults` results in a single
    /// page along with a `nextToken` response element. The remaining results of the initial request
    /// can be seen by sending another `DescribeImages` request with the returned `nextToken` value.
    /// This value can be between 1 and 1000. If this parameter is not used, then `DescribeImages`
    /// returns up to 100 results and a `nextToken` value, if applicable. This option cannot be used
    /// when you specify images with `imageIds`.
    maxResults: MaxResults

    /// The filter key and value with which to filter your `DescribeImages` results.
    filter: DescribeImagesFilter
}

/// Output of `DescribeImages`: one page of image details and the token for the next page.
@output
structure DescribeImagesResponse {
    /// A list of `ImageDetail` objects that contain data about the image.
    imageDetails: ImageDetailList

    /// The `nextToken` value to include in a future `DescribeImages` request. When the results of a
    /// `DescribeImages` request exceed `maxResults`, this value can be used to retrieve the next
    /// page of results. This value is `null` when there are no more results to return.
    nextToken: NextToken
}

// -------------------------------------------------------------------------------------------------
// DescribeRepositories
// -------------------------------------------------------------------------------------------------

/// Describes image repositories in a registry.
@readonly
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    items: "repositories"
    pageSize: "maxResults"
)
operation DescribeRepositories {
    input: DescribeRepositoriesRequest
    output: DescribeRepositoriesResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
    ]
}

/// Input of `DescribeRepositories`: the registry, optionally the repositories to describe, and the
/// pagination controls.
@input
structure DescribeRepositoriesRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the
    /// repositories to be described. If you do not specify a registry, the default registry is
    /// assumed.
    registryId: RegistryId

    /// A list of repositories to describe. If this parameter is omitted, then all repositories in a
    /// registry are described.
    repositoryNames: RepositoryNameList

    /// The `nextToken` value returned from a previous paginated `DescribeRepositories` request
    /// where `maxResults` was used and the results exceeded the value of that parameter. Pagination
    /// continues from the end of the previous results that returned the `nextToken` value. This
    /// value is `null` when there are no more results to return. This option cannot be used when
    /// you specify repositories with `repositoryNames`.
    ///
    /// Note: This token should be treated as an opaque identifier that is only used to retrieve the
    /// next items in a list and not for other programmatic purposes.
    nextToken: NextToken

    /// The maximum number of repository results returned by `DescribeRepositories` in paginated
    /// output. When this parameter is used, `DescribeRepositories` only returns `maxResults`
    /// results in a single page along with a `nextToken` response element. The remaining results of
    /// the initial request can be seen by sending another `DescribeRepositories` request with the
    /// returned `nextToken` value. This value can be between 1 and 1000. If this parameter is not
    /// used, then `DescribeRepositories` returns up to 100 results and a `nextToken` value, if
    /// applicable. This option cannot be used when you specify repositories with `repositoryNames`.
    maxResults: MaxResults
}

/// Output of `DescribeRepositories`: one page of repositories and the token for the next page.
@output
structure DescribeRepositoriesResponse {
    /// A list of repository objects corresponding to valid repositories.
    repositories: RepositoryList

    /// The `nextToken` value to include in a future `DescribeRepositories` request. When the
    /// results of a `DescribeRepositories` request exceed `maxResults`, this value can be used to
    /// retrieve the next page of results. This value is `null` when there are no more results to
    /// return.
    nextToken: NextToken
}

// -------------------------------------------------------------------------------------------------
// ListImages
// -------------------------------------------------------------------------------------------------

/// Lists all the image IDs for the specified repository.
///
/// You can filter images based on whether or not they are tagged by using the `tagStatus` filter
/// and specifying either `TAGGED`, `UNTAGGED` or `ANY`. For example, you can filter your results to
/// return only `UNTAGGED` images and then pipe that result to a `BatchDeleteImage` operation to
/// delete them. Or, you can filter your results to return only `TAGGED` images to list all of the
/// tags in your repository.
@readonly
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    items: "imageIds"
    pageSize: "maxResults"
)
operation ListImages {
    input: ListImagesRequest
    output: ListImagesResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
    ]
}

/// Input of `ListImages`: the repository, an optional filter and the pagination controls.
@input
structure ListImagesRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the repository
    /// in which to list images. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The repository with image IDs to be listed.
    @required
    repositoryName: RepositoryName

    /// The `nextToken` value returned from a previous paginated `ListImages` request where
    /// `maxResults` was used and the results exceeded the value of that parameter. Pagination
    /// continues from the end of the previous results that returned the `nextToken` value. This
    /// value is `null` when there are no more results to return.
    ///
    /// Note: This token should be treated as an opaque identifier that is only used to retrieve the
    /// next items in a list and not for other programmatic purposes.
    nextToken: NextToken

    /// The maximum number of image results returned by `ListImages` in paginated output. When this
    /// parameter is used, `ListImages` only returns `maxResults` results in a single page along
    /// with a `nextToken` response element. The remaining results of the initial request can be
    /// seen by sending another `ListImages` request with the returned `nextToken` value. This value
    /// can be between 1 and 1000. If this parameter is not used, then `ListImages` returns up to
    /// 100 results and a `nextToken` value, if applicable.
    maxResults: MaxResults

    /// The filter key and value with which to filter your `ListImages` results.
    filter: ListImagesFilter
}

/// Output of `ListImages`: one page of image IDs and the token for the next page.
@output
structure ListImagesResponse {
    /// The list of image IDs for the requested repository.
    imageIds: ImageIdentifierList

    /// The `nextToken` value to include in a future `ListImages` request. When the results of a
    /// `ListImages` request exceed `maxResults`, this value can be used to retrieve the next page
    /// of results. This value is `null` when there are no more results to return.
    nextToken: NextToken
}

// -------------------------------------------------------------------------------------------------
// InitiateLayerUpload
// -------------------------------------------------------------------------------------------------

/// Notifies Amazon ECR that you intend to upload an image layer.
///
/// When an image is pushed, the InitiateLayerUpload API is called once per image layer that has not
/// already been uploaded. Whether or not an image layer has been uploaded is determined by the
/// BatchCheckLayerAvailability API action.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
operation InitiateLayerUpload {
    input: InitiateLayerUploadRequest
    output: InitiateLayerUploadResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        KmsException
    ]
}

/// Input of `InitiateLayerUpload`: the repository to which a layer is about to be uploaded.
@input
structure InitiateLayerUploadRequest {
    /// The Amazon Web Services account ID associated with the registry to which you intend to
    /// upload layers. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository to which you intend to upload layers.
    @required
    repositoryName: RepositoryName
}

/// Output of `InitiateLayerUpload`: the upload ID and the part size Amazon ECR expects.
@output
structure InitiateLayerUploadResponse {
    /// The upload ID for the layer upload. This parameter is passed to further `UploadLayerPart`
    /// and `CompleteLayerUpload` operations.
    uploadId: UploadId

    /// The size, in bytes, that Amazon ECR expects future layer part uploads to be.
    partSize: PartSize
}

// -------------------------------------------------------------------------------------------------
// UploadLayerPart
// -------------------------------------------------------------------------------------------------

/// Uploads an image layer part to Amazon ECR.
///
/// When an image is pushed, each new image layer is uploaded in parts. The maximum size of each
/// image layer part can be 20971520 bytes (or about 20MB). The UploadLayerPart API is called once
/// per each new image layer part.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
operation UploadLayerPart {
    input: UploadLayerPartRequest
    output: UploadLayerPartResponse
    errors: [
        ServerException
        InvalidParameterException
        InvalidLayerPartException
        RepositoryNotFoundException
        UploadNotFoundException
        LimitExceededException
        KmsException
    ]
}

/// Input of `UploadLayerPart`: one part of an image layer, with its byte range within the layer.
@input
structure UploadLayerPartRequest {
    /// The Amazon Web Services account ID associated with the registry to which you are uploading
    /// layer parts. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository to which you are uploading layer parts.
    @required
    repositoryName: RepositoryName

    /// The upload ID from a previous `InitiateLayerUpload` operation to associate with the layer
    /// part upload.
    @required
    uploadId: UploadId

    /// The position of the first byte of the layer part within the overall image layer.
    @required
    partFirstByte: PartSize

    /// The position of the last byte of the layer part within the overall image layer.
    @required
    partLastByte: PartSize

    /// The base64-encoded layer part payload.
    @required
    layerPartBlob: LayerPartBlob
}

/// Output of `UploadLayerPart`: the upload ID and the last byte received so far.
@output
structure UploadLayerPartResponse {
    /// The registry ID associated with the request.
    registryId: RegistryId

    /// The repository name associated with the request.
    repositoryName: RepositoryName

    /// The upload ID associated with the request.
    uploadId: UploadId

    /// The integer value of the last byte received in the request.
    lastByteReceived: PartSize
}

// -------------------------------------------------------------------------------------------------
// PutImage
// -------------------------------------------------------------------------------------------------

/// Creates or updates the image manifest and tags associated with an image.
///
/// When an image is pushed and all new image layers have been uploaded, the PutImage API is called
/// once to create or update the image manifest and the tags associated with the image.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
operation PutImage {
    input: PutImageRequest
    output: PutImageResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        ImageAlreadyExistsException
        LayersNotFoundException
        ReferencedImagesNotFoundException
        LimitExceededException
        ImageTagAlreadyExistsException
        ImageDigestDoesNotMatchException
        KmsException
    ]
}

/// Input of `PutImage`: the image manifest to store and, optionally, its media type, tag and
/// digest.
@input
structure PutImageRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the repository
    /// in which to put the image. If you do not specify a registry, the default registry is
    /// assumed.
    registryId: RegistryId

    /// The name of the repository in which to put the image.
    @required
    repositoryName: RepositoryName

    /// The image manifest corresponding to the image to be uploaded.
    @required
    imageManifest: ImageManifest

    /// The media type of the image manifest. If you push an image manifest that does not contain
    /// the `mediaType` field, you must specify the `imageManifestMediaType` in the request.
    imageManifestMediaType: MediaType

    /// The tag to associate with the image. This parameter is optional.
    imageTag: ImageTag

    /// The image digest of the image manifest corresponding to the image.
    imageDigest: ImageDigest
}

/// Output of `PutImage`: the image that was stored.
@output
structure PutImageResponse {
    /// Details of the image uploaded.
    image: Image
}

// -------------------------------------------------------------------------------------------------
// GetDownloadUrlForLayer
// -------------------------------------------------------------------------------------------------

/// Retrieves the pre-signed Amazon S3 download URL corresponding to an image layer. You can only
/// get URLs for image layers that are referenced in an image.
///
/// When an image is pulled, the GetDownloadUrlForLayer API is called once per image layer that is
/// not already cached.
///
/// Note: This operation is used by the Amazon ECR proxy and is not generally used by customers for
/// pulling and pushing images. In most cases, you should use the `docker` CLI to pull, tag, and
/// push images.
@readonly
operation GetDownloadUrlForLayer {
    input: GetDownloadUrlForLayerRequest
    output: GetDownloadUrlForLayerResponse
    errors: [
        ServerException
        InvalidParameterException
        LayersNotFoundException
        LayerInaccessibleException
        RepositoryNotFoundException
        UnableToGetUpstreamLayerException
    ]
}

/// Input of `GetDownloadUrlForLayer`: the repository and the digest of the layer to download.
@input
structure GetDownloadUrlForLayerRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the image
    /// layer to download. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository that is associated with the image layer to download.
    @required
    repositoryName: RepositoryName

    /// The digest of the image layer to download.
    @required
    layerDigest: LayerDigest
}

/// Output of `GetDownloadUrlForLayer`: the pre-signed download URL for the layer.
@output
structure GetDownloadUrlForLayerResponse {
    /// The pre-signed Amazon S3 download URL for the requested layer.
    downloadUrl: Url

    /// The digest of the image layer to download.
    layerDigest: LayerDigest
}

// -------------------------------------------------------------------------------------------------
// GetAuthorizationToken
// -------------------------------------------------------------------------------------------------

/// Retrieves an authorization token. An authorization token represents your IAM authentication
/// credentials and can be used to access any Amazon ECR registry that your IAM principal has access
/// to. The authorization token is valid for 12 hours.
///
/// The `authorizationToken` returned is a base64 encoded string that can be decoded and used in a
/// `docker login` command to authenticate to a registry. The CLI offers an `get-login-password`
/// command that simplifies the login process. For more information, see [Registry
/// authentication](https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html#registry_auth)
/// in the Amazon Elastic Container Registry User Guide.
@readonly
operation GetAuthorizationToken {
    input: GetAuthorizationTokenRequest
    output: GetAuthorizationTokenResponse
    errors: [
        ServerException
        InvalidParameterException
    ]
}

/// Input of `GetAuthorizationToken`. Its only member, `registryIds`, is deprecated, so an empty
/// request is the usual form.
@input
structure GetAuthorizationTokenRequest {
    /// A list of Amazon Web Services account IDs that are associated with the registries for which
    /// to get AuthorizationData objects. If you do not specify a registry, the default registry is
    /// assumed.
    @deprecated(message: "This field is deprecated. The returned authorization token can be used to access any Amazon ECR registry that the IAM principal has access to, specifying a registry ID doesn't change the permissions scope of the authorization token.")
    registryIds: GetAuthorizationTokenRegistryIdList
}

/// Output of `GetAuthorizationToken`: the authorization data (token, expiry and proxy endpoint).
@output
structure GetAuthorizationTokenResponse {
    /// A list of authorization token data objects that correspond to the `registryIds` values in
    /// the request.
    ///
    /// Note: The size of the authorization token returned by Amazon ECR is not fixed. We recommend
    /// that you don't make assumptions about the maximum size.
    authorizationData: AuthorizationDataList
}

// -------------------------------------------------------------------------------------------------
// SetRepositoryPolicy
// -------------------------------------------------------------------------------------------------

/// Applies a repository policy to the specified repository to control access permissions. For more
/// information, see [Amazon ECR Repository
/// policies](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html) in
/// the Amazon Elastic Container Registry User Guide.
operation SetRepositoryPolicy {
    input: SetRepositoryPolicyRequest
    output: SetRepositoryPolicyResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
    ]
}

/// Input of `SetRepositoryPolicy`: the repository and the JSON policy text to apply to it.
@input
structure SetRepositoryPolicyRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the
    /// repository. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository to receive the policy.
    @required
    repositoryName: RepositoryName

    /// The JSON repository policy text to apply to the repository. For more information, see
    /// [Amazon ECR repository
    /// policies](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html)
    /// in the Amazon Elastic Container Registry User Guide.
    @required
    policyText: RepositoryPolicyText

    /// If the policy you are attempting to set on a repository policy would prevent you from
    /// setting another policy in the future, you must force the `SetRepositoryPolicy` operation.
    /// This is intended to prevent accidental repository lock outs.
    force: ForceFlag
}

/// Output of `SetRepositoryPolicy`: the registry, repository and the policy text that was applied.
@output
structure SetRepositoryPolicyResponse {
    /// The registry ID associated with the request.
    registryId: RegistryId

    /// The repository name associated with the request.
    repositoryName: RepositoryName

    /// The JSON repository policy text applied to the repository.
    policyText: RepositoryPolicyText
}

// -------------------------------------------------------------------------------------------------
// GetRepositoryPolicy
// -------------------------------------------------------------------------------------------------

/// Retrieves the repository policy for the specified repository.
@readonly
operation GetRepositoryPolicy {
    input: GetRepositoryPolicyRequest
    output: GetRepositoryPolicyResponse
    errors: [
        ServerException
        InvalidParameterException
        RepositoryNotFoundException
        RepositoryPolicyNotFoundException
    ]
}

/// Input of `GetRepositoryPolicy`: the repository whose policy to retrieve.
@input
structure GetRepositoryPolicyRequest {
    /// The Amazon Web Services account ID associated with the registry that contains the
    /// repository. If you do not specify a registry, the default registry is assumed.
    registryId: RegistryId

    /// The name of the repository with the policy to retrieve.
    @required
    repositoryName: RepositoryName
}

/// Output of `GetRepositoryPolicy`: the registry, repository and the policy text.
@output
structure GetRepositoryPolicyResponse {
    /// The registry ID associated with the request.
    registryId: RegistryId

    /// The repository name associated with the request.
    repositoryName: RepositoryName

    /// The JSON repository policy text associated with the repository.
    policyText: RepositoryPolicyText
}

// -------------------------------------------------------------------------------------------------
// Structures
// -------------------------------------------------------------------------------------------------

/// An object representing authorization data for an Amazon ECR registry.
structure AuthorizationData {
    /// A base64-encoded string that contains authorization data for the specified Amazon ECR
    /// registry. When the string is decoded, it is presented in the format `user:password` for
    /// private registry authentication using `docker login`.
    authorizationToken: Base64

    /// The Unix time in seconds and milliseconds when the authorization token expires.
    /// Authorization tokens are valid for 12 hours.
    expiresAt: ExpirationTimestamp

    /// The registry URL to use for this authorization token in a `docker login` command. The Amazon
    /// ECR registry URL format is `https://aws_account_id.dkr.ecr.region.amazonaws.com`. For
    /// example, `https://012345678910.dkr.ecr.us-east-1.amazonaws.com`.
    proxyEndpoint: ProxyEndpoint
}

/// An object representing a filter on a `DescribeImages` operation.
structure DescribeImagesFilter {
    /// The tag status with which to filter your `DescribeImages` results. You can filter results
    /// based on whether they are `TAGGED` or `UNTAGGED`.
    tagStatus: TagStatus

    /// The image status with which to filter your `DescribeImages` results. Valid values are
    /// `ACTIVE`, `ARCHIVED`, and `ACTIVATING`. If not specified, only images with `ACTIVE` status
    /// are returned.
    imageStatus: ImageStatusFilter
}

/// The encryption configuration for the repository. This determines how the contents of your
/// repository are encrypted at rest.
///
/// By default, when no encryption configuration is set or the `AES256` encryption type is used,
/// Amazon ECR uses server-side encryption with Amazon S3-managed encryption keys which encrypts
/// your data at rest using an AES256 encryption algorithm. This does not require any action on your
/// part.
///
/// For more control over the encryption of the contents of your repository, you can use server-side
/// encryption with Key Management Service key stored in Key Management Service (KMS) to encrypt
/// your images. For more information, see [Amazon ECR encryption at
/// rest](https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html) in the
/// Amazon Elastic Container Registry User Guide.
structure EncryptionConfiguration {
    /// The encryption type to use.
    ///
    /// If you use the `KMS` encryption type, the contents of the repository will be encrypted using
    /// server-side encryption with Key Management Service key stored in KMS. When you use KMS to
    /// encrypt your data, you can either use the default Amazon Web Services managed KMS key for
    /// Amazon ECR, or specify your own KMS key, which you already created.
    ///
    /// If you use the `KMS_DSSE` encryption type, the contents of the repository will be encrypted
    /// with two layers of encryption using server-side encryption with the KMS Management Service
    /// key stored in KMS. Similar to the `KMS` encryption type, you can either use the default
    /// Amazon Web Services managed KMS key for Amazon ECR, or specify your own KMS key, which
    /// you've already created.
    ///
    /// If you use the `AES256` encryption type, Amazon ECR uses server-side encryption with Amazon
    /// S3-managed encryption keys which encrypts the images in the repository using an AES256
    /// encryption algorithm.
    ///
    /// For more information, see [Amazon ECR encryption at
    /// rest](https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html) in the
    /// Amazon Elastic Container Registry User Guide.
    @required
    encryptionType: EncryptionType

    /// If you use the `KMS` encryption type, specify the KMS key to use for encryption. The alias,
    /// key ID, or full ARN of the KMS key can be specified. The key must exist in the same Region
    /// as the repository. If no key is specified, the default Amazon Web Services managed KMS key
    /// for Amazon ECR will be used.
    kmsKey: KmsKey
}

/// An object representing an Amazon ECR image.
structure Image {
    /// The Amazon Web Services account ID associated with the registry containing the image.
    registryId: RegistryId

    /// The name of the repository associated with the image.
    repositoryName: RepositoryName

    /// An object containing the image tag and image digest associated with an image.
    imageId: ImageIdentifier

    /// The image manifest associated with the image.
    imageManifest: ImageManifest

    /// The manifest media type of the image.
    imageManifestMediaType: MediaType
}

/// An object that describes an image returned by a `DescribeImages` operation.
structure ImageDetail {
    /// The Amazon Web Services account ID associated with the registry to which this image belongs.
    registryId: RegistryId

    /// The name of the repository to which this image belongs.
    repositoryName: RepositoryName

    /// The `sha256` digest of the image manifest.
    imageDigest: ImageDigest

    /// The list of tags associated with this image.
    imageTags: ImageTagList

    /// The size, in bytes, of the image in the repository.
    ///
    /// If the image is a manifest list, this will be the max size of all manifests in the list.
    ///
    /// Note: Starting with Docker version 1.9, the Docker client compresses image layers before
    /// pushing them to a V2 Docker registry. The output of the `docker images` command shows the
    /// uncompressed image size. Therefore, Docker might return a larger image than the image shown
    /// in the Amazon Web Services Management Console.
    imageSizeInBytes: ImageSizeInBytes

    /// The date and time, expressed in standard JavaScript date format, at which the current image
    /// was pushed to the repository.
    imagePushedAt: PushTimestamp

    /// The current state of the scan.
    imageScanStatus: ImageScanStatus

    /// A summary of the last completed image scan.
    imageScanFindingsSummary: ImageScanFindingsSummary

    /// The media type of the image manifest.
    imageManifestMediaType: MediaType

    /// The artifact media type of the image.
    artifactMediaType: MediaType

    /// The date and time, expressed in standard JavaScript date format, when Amazon ECR recorded
    /// the last image pull.
    ///
    /// Note: Amazon ECR refreshes the last image pull timestamp at least once every 24 hours. For
    /// example, if you pull an image once a day then the `lastRecordedPullTime` timestamp will
    /// indicate the exact time that the image was last pulled. However, if you pull an image once
    /// an hour, because Amazon ECR refreshes the `lastRecordedPullTime` timestamp at least once
    /// every 24 hours, the result may not be the exact time that the image was last pulled.
    lastRecordedPullTime: RecordedPullTimestamp

    /// The digest of the subject manifest for images that are referrers.
    subjectManifestDigest: ImageDigest

    /// The current status of the image.
    imageStatus: ImageStatus

    /// The date and time, expressed in standard JavaScript date format, when the image was last
    /// transitioned to Amazon ECR archive.
    lastArchivedAt: LastArchivedAtTimestamp

    /// The date and time, expressed in standard JavaScript date format, when the image was last
    /// restored from Amazon ECR archive to Amazon ECR standard.
    lastActivatedAt: LastActivatedAtTimestamp
}

/// An object representing an Amazon ECR image failure.
structure ImageFailure {
    /// The image ID associated with the failure.
    imageId: ImageIdentifier

    /// The code associated with the failure.
    failureCode: ImageFailureCode

    /// The reason for the failure.
    failureReason: ImageFailureReason
}

/// An object with identifying information for an image in an Amazon ECR repository.
structure ImageIdentifier {
    /// The `sha256` digest of the image manifest.
    imageDigest: ImageDigest

    /// The tag used for the image.
    imageTag: ImageTag
}

/// A summary of the last completed image scan.
structure ImageScanFindingsSummary {
    /// The time of the last completed image scan.
    imageScanCompletedAt: ScanTimestamp

    /// The time when the vulnerability data was last scanned.
    vulnerabilitySourceUpdatedAt: VulnerabilitySourceUpdateTimestamp

    /// The image vulnerability counts, sorted by severity.
    findingSeverityCounts: FindingSeverityCounts
}

/// The current status of an image scan.
structure ImageScanStatus {
    /// The current state of an image scan.
    status: ScanStatus

    /// The description of the image scan status.
    description: ScanStatusDescription
}

/// The image scanning configuration for a repository.
structure ImageScanningConfiguration {
    /// The setting that determines whether images are scanned after being pushed to a repository.
    /// If set to `true`, images will be scanned after being pushed. If this parameter is not
    /// specified, it will default to `false` and images will not be scanned unless a scan is
    /// manually started with the
    /// [API_StartImageScan](https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_StartImageScan.html)
    /// API.
    scanOnPush: ScanOnPushFlag
}

/// A filter that specifies which image tags should be excluded from the repository's image tag
/// mutability setting.
structure ImageTagMutabilityExclusionFilter {
    /// The type of filter to apply for excluding image tags from mutability settings.
    @required
    filterType: ImageTagMutabilityExclusionFilterType

    /// The filter value used to match image tags for exclusion from mutability settings.
    @required
    filter: ImageTagMutabilityExclusionFilterValue
}

/// An object representing an Amazon ECR image layer.
structure Layer {
    /// The `sha256` digest of the image layer.
    layerDigest: LayerDigest

    /// The availability status of the image layer.
    layerAvailability: LayerAvailability

    /// The size, in bytes, of the image layer.
    layerSize: LayerSizeInBytes

    /// The media type of the layer, such as `application/vnd.docker.image.rootfs.diff.tar.gzip` or
    /// `application/vnd.oci.image.layer.v1.tar+gzip`.
    mediaType: MediaType
}

/// An object representing an Amazon ECR image layer failure.
structure LayerFailure {
    /// The layer digest associated with the failure.
    layerDigest: BatchedOperationLayerDigest

    /// The failure code associated with the failure.
    failureCode: LayerFailureCode

    /// The reason for the failure.
    failureReason: LayerFailureReason
}

/// An object representing a filter on a `ListImages` operation.
structure ListImagesFilter {
    /// The tag status with which to filter your `ListImages` results.
    tagStatus: TagStatus

    /// The image status with which to filter your `ListImages` results. Valid values are `ACTIVE`,
    /// `ARCHIVED`, and `ACTIVATING`. If not specified, only images with `ACTIVE` status are
    /// returned.
    imageStatus: ImageStatusFilter
}

/// An object representing a repository.
structure Repository {
    /// The Amazon Resource Name (ARN) that identifies the repository. The ARN contains the
    /// `arn:aws:ecr` namespace, followed by the region of the repository, Amazon Web Services
    /// account ID of the repository owner, repository namespace, and repository name. For example,
    /// `arn:aws:ecr:region:012345678910:repository-namespace/repository-name`.
    repositoryArn: Arn

    /// The Amazon Web Services account ID associated with the registry that contains the
    /// repository.
    registryId: RegistryId

    /// The name of the repository.
    repositoryName: RepositoryName

    /// The URI for the repository. You can use this URI for container image `push` and `pull`
    /// operations.
    repositoryUri: Url

    /// The date and time, in JavaScript date format, when the repository was created.
    createdAt: CreationTimestamp

    /// The tag mutability setting for the repository.
    imageTagMutability: ImageTagMutability

    /// A list of filters that specify which image tags are excluded from the repository's image tag
    /// mutability setting.
    imageTagMutabilityExclusionFilters: ImageTagMutabilityExclusionFilters

    /// The image scanning configuration for the repository. This determines whether images are
    /// scanned for known vulnerabilities after being pushed to the repository.
    imageScanningConfiguration: ImageScanningConfiguration

    /// The encryption configuration for the repository. This determines how the contents of your
    /// repository are encrypted at rest.
    encryptionConfiguration: EncryptionConfiguration
}

/// The metadata to apply to a resource to help you categorize and organize them. Each tag consists
/// of a key and a value, both of which you define. Tag keys can have a maximum character length of
/// 128 characters, and tag values can have a maximum length of 256 characters.
structure Tag {
    /// One part of a key-value pair that make up a tag. A `key` is a general label that acts like a
    /// category for more specific tag values.
    @required
    Key: TagKey

    /// A `value` acts as a descriptor within a tag category (key).
    @required
    Value: TagValue
}

// -------------------------------------------------------------------------------------------------
// Lists and maps
// -------------------------------------------------------------------------------------------------

/// A list of authorization data objects.
list AuthorizationDataList {
    member: AuthorizationData
}

/// The layer digests to check in one `BatchCheckLayerAvailability` request (1 to 100).
@length(min: 1, max: 100)
list BatchedOperationLayerDigestList {
    member: BatchedOperationLayerDigest
}

/// The number of image vulnerability findings for each severity.
map FindingSeverityCounts {
    key: FindingSeverity
    value: SeverityCount
}

/// The registry IDs to get authorization tokens for (1 to 10).
@length(min: 1, max: 10)
list GetAuthorizationTokenRegistryIdList {
    member: RegistryId
}

/// A list of image detail objects.
list ImageDetailList {
    member: ImageDetail
}

/// A list of per-image failures of a batch operation.
list ImageFailureList {
    member: ImageFailure
}

/// A list of image identifiers (1 to 100).
@length(min: 1, max: 100)
list ImageIdentifierList {
    member: ImageIdentifier
}

/// A list of images.
list ImageList {
    member: Image
}

/// A list of image tags.
list ImageTagList {
    member: ImageTag
}

/// The filters that exclude image tags from a repository's tag mutability setting (1 to 5).
@length(min: 1, max: 5)
list ImageTagMutabilityExclusionFilters {
    member: ImageTagMutabilityExclusionFilter
}

/// A list of layer digests (1 to 100).
@length(min: 1, max: 100)
list LayerDigestList {
    member: LayerDigest
}

/// A list of per-layer failures of a batch operation.
list LayerFailureList {
    member: LayerFailure
}

/// A list of image layers.
list LayerList {
    member: Layer
}

/// A list of media types (1 to 100).
@length(min: 1, max: 100)
list MediaTypeList {
    member: MediaType
}

/// A list of repositories.
list RepositoryList {
    member: Repository
}

/// A list of repository names (1 to 100).
@length(min: 1, max: 100)
list RepositoryNameList {
    member: RepositoryName
}

/// A list of tags.
list TagList {
    member: Tag
}

// -------------------------------------------------------------------------------------------------
// Enums
// -------------------------------------------------------------------------------------------------

/// The encryption type used to encrypt the contents of a repository at rest.
enum EncryptionType {
    /// Server-side encryption with Amazon S3-managed encryption keys (AES256).
    AES256 = "AES256"

    /// Server-side encryption with a KMS key stored in KMS.
    KMS = "KMS"

    /// Dual-layer server-side encryption with a KMS key stored in KMS.
    KMS_DSSE = "KMS_DSSE"
}

/// The severity of an image vulnerability finding.
enum FindingSeverity {
    /// Informational finding.
    INFORMATIONAL = "INFORMATIONAL"

    /// Low severity.
    LOW = "LOW"

    /// Medium severity.
    MEDIUM = "MEDIUM"

    /// High severity.
    HIGH = "HIGH"

    /// Critical severity.
    CRITICAL = "CRITICAL"

    /// The severity is not defined.
    UNDEFINED = "UNDEFINED"
}

/// The code of a per-image failure in a batch operation.
enum ImageFailureCode {
    /// The image digest is not valid.
    InvalidImageDigest = "InvalidImageDigest"

    /// The image tag is not valid.
    InvalidImageTag = "InvalidImageTag"

    /// The image tag does not match the image digest.
    ImageTagDoesNotMatchDigest = "ImageTagDoesNotMatchDigest"

    /// The image was not found.
    ImageNotFound = "ImageNotFound"

    /// Neither an image digest nor an image tag was given.
    MissingDigestAndTag = "MissingDigestAndTag"

    /// The image is referenced by a manifest list.
    ImageReferencedByManifestList = "ImageReferencedByManifestList"

    /// KMS returned an error.
    KmsError = "KmsError"

    /// The upstream registry of a pull through cache rule denied access.
    UpstreamAccessDenied = "UpstreamAccessDenied"

    /// The upstream registry of a pull through cache rule throttled the request.
    UpstreamTooManyRequests = "UpstreamTooManyRequests"

    /// The upstream registry of a pull through cache rule is unavailable.
    UpstreamUnavailable = "UpstreamUnavailable"

    /// The image is not accessible.
    ImageInaccessible = "ImageInaccessible"
}

/// The storage status of an image.
enum ImageStatus {
    /// The image is in Amazon ECR standard storage.
    ACTIVE = "ACTIVE"

    /// The image has been transitioned to Amazon ECR archive.
    ARCHIVED = "ARCHIVED"

    /// The image is being restored from Amazon ECR archive to Amazon ECR standard.
    ACTIVATING = "ACTIVATING"
}

/// The image status by which to filter listed or described images.
enum ImageStatusFilter {
    /// Only images in Amazon ECR standard storage.
    ACTIVE = "ACTIVE"

    /// Only images in Amazon ECR archive.
    ARCHIVED = "ARCHIVED"

    /// Only images being restored from Amazon ECR archive.
    ACTIVATING = "ACTIVATING"

    /// Images of any status.
    ANY = "ANY"
}

/// The tag mutability setting of a repository.
enum ImageTagMutability {
    /// Image tags can be overwritten.
    MUTABLE = "MUTABLE"

    /// Image tags cannot be overwritten.
    IMMUTABLE = "IMMUTABLE"

    /// Image tags cannot be overwritten, except tags that match an exclusion filter.
    IMMUTABLE_WITH_EXCLUSION = "IMMUTABLE_WITH_EXCLUSION"

    /// Image tags can be overwritten, except tags that match an exclusion filter.
    MUTABLE_WITH_EXCLUSION = "MUTABLE_WITH_EXCLUSION"
}

/// The kind of filter used to exclude image tags from the tag mutability setting.
enum ImageTagMutabilityExclusionFilterType {
    /// The filter value is a wildcard pattern in which `*` matches any characters.
    WILDCARD = "WILDCARD"
}

/// The availability status of an image layer.
enum LayerAvailability {
    /// The layer is available in the repository.
    AVAILABLE = "AVAILABLE"

    /// The layer is not available in the repository.
    UNAVAILABLE = "UNAVAILABLE"

    /// The layer is archived.
    ARCHIVED = "ARCHIVED"
}

/// The code of a per-layer failure in a batch operation.
enum LayerFailureCode {
    /// The layer digest is not valid.
    InvalidLayerDigest = "InvalidLayerDigest"

    /// No layer digest was given.
    MissingLayerDigest = "MissingLayerDigest"
}

/// The state of an image scan.
enum ScanStatus {
    /// The scan is in progress.
    IN_PROGRESS = "IN_PROGRESS"

    /// The scan has completed.
    COMPLETE = "COMPLETE"

    /// The scan failed.
    FAILED = "FAILED"

    /// The image is not supported for scanning.
    UNSUPPORTED_IMAGE = "UNSUPPORTED_IMAGE"

    /// The image is being continuously scanned (enhanced scanning).
    ACTIVE = "ACTIVE"

    /// The scan is pending.
    PENDING = "PENDING"

    /// The image is no longer eligible for continuous scanning.
    SCAN_ELIGIBILITY_EXPIRED = "SCAN_ELIGIBILITY_EXPIRED"

    /// The scan findings are not available.
    FINDINGS_UNAVAILABLE = "FINDINGS_UNAVAILABLE"

    /// A scanning limit was exceeded for the image.
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"

    /// The image is archived and is not scanned.
    IMAGE_ARCHIVED = "IMAGE_ARCHIVED"
}

/// The tag status by which to filter images.
enum TagStatus {
    /// Only images that have at least one tag.
    TAGGED = "TAGGED"

    /// Only images that have no tag.
    UNTAGGED = "UNTAGGED"

    /// Images with or without tags.
    ANY = "ANY"
}

// -------------------------------------------------------------------------------------------------
// Strings
// -------------------------------------------------------------------------------------------------

/// An Amazon Resource Name (ARN).
string Arn

/// A base64-encoded string.
@pattern("^\\S+$")
string Base64

/// A layer digest as passed to a batch operation (up to 1000 characters).
@length(min: 0, max: 1000)
string BatchedOperationLayerDigest

/// The error message associated with an exception.
string ExceptionMessage

/// The digest of an image manifest, such as `sha256:<hex>`.
string ImageDigest

/// A human-readable reason for a per-image failure.
string ImageFailureReason

/// An image manifest document (1 byte to 4 MiB).
@length(min: 1, max: 4194304)
string ImageManifest

/// An image tag (1 to 300 characters).
@length(min: 1, max: 300)
string ImageTag

/// A wildcard filter value matched against image tags (1 to 128 characters of letters, digits, `.`,
/// `_`, `*` and `-`).
@length(min: 1, max: 128)
@pattern("^[0-9a-zA-Z._*-]{1,128}$")
string ImageTagMutabilityExclusionFilterValue

/// An error code returned by KMS.
string KmsError

/// The alias, key ID or full ARN of a KMS key (1 to 2048 characters).
@length(min: 1, max: 2048)
string KmsKey

/// The digest of an image layer, such as `sha256:<hex>`.
@pattern("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+")
string LayerDigest

/// A human-readable reason for a per-layer failure.
string LayerFailureReason

/// A media type, such as `application/vnd.docker.distribution.manifest.v2+json`.
string MediaType

/// An opaque pagination token. It should only be used to retrieve the next page of results.
string NextToken

/// The registry URL to use with an authorization token.
string ProxyEndpoint

/// An Amazon Web Services account ID (12 digits) that identifies a registry.
@pattern("[0-9]{12}")
string RegistryId

/// The name of a repository (2 to 256 characters): components of lowercase letters and digits
/// joined by `.`, `_`, `__` or one or more `-`, optionally grouped into namespaces with `/` (such
/// as `project-a/nginx-web-app`).
@length(min: 2, max: 256)
@pattern("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*")
string RepositoryName

/// The JSON text of a repository policy (up to 10240 characters).
@length(min: 0, max: 10240)
string RepositoryPolicyText

/// The description of an image scan status.
string ScanStatusDescription

/// The key of a tag.
string TagKey

/// The value of a tag.
string TagValue

/// The ID of a layer upload (a UUID).
@pattern("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
string UploadId

/// A URL.
string Url

// -------------------------------------------------------------------------------------------------
// Numbers, booleans, blobs
// -------------------------------------------------------------------------------------------------

/// A flag that forces an operation that would otherwise be refused.
boolean ForceFlag

/// The size of an image, in bytes.
long ImageSizeInBytes

/// The bytes of one image layer part (up to 20971520 bytes). Sent base64-encoded on the wire.
@length(min: 0, max: 20971520)
blob LayerPartBlob

/// The size of an image layer, in bytes.
long LayerSizeInBytes

/// The maximum number of results in one page of a paginated operation (1 to 1000).
@range(min: 1, max: 1000)
integer MaxResults

/// A size or byte position within an image layer upload, in bytes (not negative).
@range(min: 0)
long PartSize

/// Whether images are scanned after being pushed to a repository.
boolean ScanOnPushFlag

/// The number of findings of one severity (not negative).
@range(min: 0)
integer SeverityCount

// -------------------------------------------------------------------------------------------------
// Timestamps
// -------------------------------------------------------------------------------------------------

/// The time at which a resource was created.
timestamp CreationTimestamp

/// The time at which an authorization token expires.
timestamp ExpirationTimestamp

/// The time at which an image was last restored from Amazon ECR archive to Amazon ECR standard.
timestamp LastActivatedAtTimestamp

/// The time at which an image was last transitioned to Amazon ECR archive.
timestamp LastArchivedAtTimestamp

/// The time at which an image was pushed.
timestamp PushTimestamp

/// The time at which Amazon ECR recorded the last pull of an image.
timestamp RecordedPullTimestamp

/// The time at which an image scan completed.
timestamp ScanTimestamp

/// The time at which the vulnerability data was last updated.
timestamp VulnerabilitySourceUpdateTimestamp

// -------------------------------------------------------------------------------------------------
// Errors
// -------------------------------------------------------------------------------------------------

/// The specified layer upload does not contain any layer parts.
@error("client")
@httpError(400)
structure EmptyUploadException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified image has already been pushed, and there were no changes to the manifest or image
/// tag after the last push.
@error("client")
@httpError(400)
structure ImageAlreadyExistsException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified image digest does not match the digest that Amazon ECR calculated for the image.
@error("client")
@httpError(400)
structure ImageDigestDoesNotMatchException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The image requested does not exist in the specified repository.
@error("client")
@httpError(400)
structure ImageNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified image is tagged with a tag that already exists. The repository is configured for
/// tag immutability.
@error("client")
@httpError(400)
structure ImageTagAlreadyExistsException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The layer digest calculation performed by Amazon ECR upon receipt of the image layer does not
/// match the digest specified.
@error("client")
@httpError(400)
structure InvalidLayerException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The layer part size is not valid, or the first byte specified is not consecutive to the last
/// byte of a previous layer part upload.
@error("client")
@httpError(400)
structure InvalidLayerPartException {
    /// The registry ID associated with the exception.
    registryId: RegistryId

    /// The repository name associated with the exception.
    repositoryName: RepositoryName

    /// The upload ID associated with the exception.
    uploadId: UploadId

    /// The last valid byte received from the layer part upload that is associated with the
    /// exception.
    lastValidByteReceived: PartSize

    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified parameter is invalid. Review the available parameters for the API request.
@error("client")
@httpError(400)
structure InvalidParameterException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// An invalid parameter has been specified. Tag keys can have a maximum character length of 128
/// characters, and tag values can have a maximum length of 256 characters.
@error("client")
@httpError(400)
structure InvalidTagParameterException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The operation failed due to a KMS exception.
@error("client")
@httpError(400)
structure KmsException {
    /// The error message associated with the exception.
    message: ExceptionMessage

    /// The error code returned by KMS.
    kmsError: KmsError
}

/// The image layer already exists in the associated repository.
@error("client")
@httpError(400)
structure LayerAlreadyExistsException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified layer is not available because it is not associated with an image. Unassociated
/// image layers may be cleaned up at any time.
@error("client")
@httpError(400)
structure LayerInaccessibleException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// Layer parts must be at least 5 MiB in size.
@error("client")
@httpError(400)
structure LayerPartTooSmallException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified layers could not be found, or the specified layer is not valid for this
/// repository.
@error("client")
@httpError(400)
structure LayersNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The operation did not succeed because it would have exceeded a service limit for your account.
/// For more information, see [Amazon ECR service
/// quotas](https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html) in the
/// Amazon Elastic Container Registry User Guide.
@error("client")
@httpError(400)
structure LimitExceededException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The manifest list is referencing an image that does not exist.
@error("client")
@httpError(400)
structure ReferencedImagesNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified repository already exists in the specified registry.
@error("client")
@httpError(400)
structure RepositoryAlreadyExistsException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified repository contains images. To delete a repository that contains images, you must
/// force the deletion with the `force` parameter.
@error("client")
@httpError(400)
structure RepositoryNotEmptyException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified repository could not be found. Check the spelling of the specified repository and
/// ensure that you are performing operations on the correct registry.
@error("client")
@httpError(400)
structure RepositoryNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The specified repository and registry combination does not have an associated repository policy.
@error("client")
@httpError(400)
structure RepositoryPolicyNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// These errors are usually caused by a server-side issue.
@error("server")
@httpError(500)
structure ServerException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The list of tags on the repository is over the limit. The maximum number of tags that can be
/// applied to a repository is 50.
@error("client")
@httpError(400)
structure TooManyTagsException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The image or images were unable to be pulled using the pull through cache rule. This is usually
/// caused because of an issue with the Secrets Manager secret containing the credentials for the
/// upstream registry.
@error("client")
@httpError(400)
structure UnableToGetUpstreamImageException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// There was an issue getting the upstream layer matching the pull through cache rule.
@error("client")
@httpError(400)
structure UnableToGetUpstreamLayerException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}

/// The upload could not be found, or the specified upload ID is not valid for this repository.
@error("client")
@httpError(400)
structure UploadNotFoundException {
    /// The error message associated with the exception.
    message: ExceptionMessage
}
