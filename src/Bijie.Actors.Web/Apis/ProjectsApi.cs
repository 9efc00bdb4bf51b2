namespace Bijie.Actors.Web.Apis;

/// <summary>Projects (帮扶项目): list, read, propose, move through their status, update progress, history.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/projects").WithTags("Projects");
        api.MapGet("/", ListAsync).WithName("ListProjects").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Projects at a locality and below, of a helper, in a year; paged");
        api.MapGet("/{id}", GetAsync).WithName("GetProject").RequireAuthorization(Policies.PublicRead).WithSummary("A project");
        api.MapGet("/{id}/history", HistoryAsync).WithName("GetProjectHistory").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Every status change of a project, with who and when");
        api.MapPost("/", ProposeAsync).WithName("ProposeProject").RequireAuthorization(Policies.Office).WithSummary("Proposes a project");
        api.MapPost("/{id}/transitions", TransitionAsync).WithName("TransitionProject").RequireAuthorization(Policies.Office)
            .WithSummary("Moves a project to another status; an illegal move is a 409 naming the allowed ones");
        api.MapPut("/{id}/progress", ProgressAsync).WithName("UpdateProjectProgress").RequireAuthorization(Policies.Office)
            .WithSummary("Updates a project's money and milestones");
        api.MapPut("/{id}/responsible", AssignAsync).WithName("AssignProjectResponsible").RequireAuthorization(Policies.Office)
            .WithSummary("Makes another person of the staff directory responsible for the project");
        return api;
    }

    public static Task<Ok<Page<ProjectInfo>>> ListAsync(HttpRequest request, IListings listings, string? locality, string? helper, int? year, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.ProjectsAsync(new ListingFilter(locality, null, helper), year, offset, take));

    public static async Task<Ok<ProjectInfo>> GetAsync(string id, IGrainFactory grains, HttpResponse response) =>
        Tagged(response, await grains.GetGrain<IProjectGrain>(id).GetAsync());

    private static Ok<ProjectInfo> Tagged(HttpResponse response, ProjectInfo project) => ETags.Ok(response, project.Version, project);

    /// <summary>A project's status history, as <see cref="Visibility.ProjectHistory"/> shows it to the reader.</summary>
    public static async Task<Ok<IReadOnlyList<ProjectHistoryItem>>> HistoryAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var grain = grains.GetGrain<IProjectGrain>(id);
        var history = await grain.GetHistoryAsync();
        return TypedResults.Ok(Visibility.ProjectHistory(await grain.GetAsync(), history, user.ToActor()));
    }

    /// <summary>
    /// Proposes a project under the body's id, or else one the server mints from the caller and the Idempotency-Key (a
    /// random one without a key); the same proposal again answers 200 with the project that exists.
    /// </summary>
    public static async Task<Results<Created<ProjectInfo>, Ok<ProjectInfo>>> ProposeAsync(
        ProposeProjectRequest body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var id = ChosenIds.OrMinted(body.Id, "p", user.ToActor(), idempotencyKey); // never "need-…", the project a need's match makes
        var request = body.ToCommand();
        var grain = grains.GetGrain<IProjectGrain>(id);
        var existed = await Listing.ExistsAsync(grain.GetAsync);
        return Listing.CreatedOrFound(existed, $"/api/v1/projects/{id}", await Listing.InBody(() => grain.ProposeAsync(request, user.ToActor())));
    }

    public static async Task<Ok<ProjectInfo>> TransitionAsync(string id, ProjectTransition body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context) =>
        Tagged(context.Response, await grains.GetGrain<IProjectGrain>(id).TransitionAsync(body, user.ToActor(), ETags.Expected(context.Request)));

    public static async Task<Ok<ProjectInfo>> AssignAsync(string id, AssignResponsibleRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context) =>
        Tagged(context.Response, await grains.GetGrain<IProjectGrain>(id).AssignResponsibleAsync(body.RequiredStaffId, user.ToActor(), ETags.Expected(context.Request)));

    public static async Task<Ok<ProjectInfo>> ProgressAsync(string id, ProjectProgressRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context) =>
        Tagged(context.Response, await grains.GetGrain<IProjectGrain>(id).UpdateProgressAsync(
            body.RequiredMoney, body.Milestones ?? [], user.ToActor(), ETags.Expected(context.Request)));
}
